"""zorgtoolbox: the Toolbox Zorgfraude en Zorgoverlast as a validated knowledge base."""

__version__ = "0.1.0"
