"""Papers from the outside: identifiers, the Crossref/arXiv/dblp/page sources, new entries.

``metadata`` parses what the sources answer (pure), ``sources`` fetches it (the one
polite HTTP client), ``newentry`` turns it into an entry file. Nothing here prints,
exits or reads the environment.
"""
