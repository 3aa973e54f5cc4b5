"""The one error importers raise: a one-line message for the user."""


class BadInput(Exception):
    """Input that cannot become an article; the message is one line saying what was wrong."""
