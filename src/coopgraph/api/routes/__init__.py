"""The endpoint's routes, one module per concern, each with its ``router`` for the app."""
