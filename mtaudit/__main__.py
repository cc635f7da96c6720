"""``python -m mtaudit``: the same as the ``mtaudit`` command."""
from .cli import main

if __name__ == "__main__":
    main()
