"""One module per command-line subcommand; each has ``register(subparsers, common)``.

A command module adds its parser and sets ``handler`` to a function taking the
parsed arguments and returning the exit code. Heavy imports stay inside handlers so
``deepdive --version`` and opening the app stay fast.
"""
