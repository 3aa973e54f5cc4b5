"""Sub-commands of the ``reader`` command line; each module has ``register(subparsers)``."""
