"""Sentences every grammar engine test feeds its engine: each has errors an engine should see."""

ENGINE_SENTENCES = [
    "This is is a test of the the engine.",
    "He go to the store yesterday and buyed an apple.",
    "Their going to announce the the results tomorow.",
    "The officials was in Washington on monday .",
    "I could of done it, irregardless of the rules.",
    "It's a long established fact that that readers are distracted.",
]
