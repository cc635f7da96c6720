"""Read: every input format becomes ``Document``s; bad input raises one ``InputError``."""
