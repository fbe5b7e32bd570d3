"""How often one member may post (questions, answers, comments, edits) through the pages and the API alike: a
per-request ceiling (Flask-Limiter). The pace counted from the rows themselves is app/abuse.py's."""

POST_LIMIT = "20/minute"
