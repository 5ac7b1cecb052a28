"""The single source of the release version: the package's and the data's."""

__version__ = "0.13.0"
