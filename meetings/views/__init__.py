"""Partnership meetings: reading them (``pages``) and recording them (``record``)."""
