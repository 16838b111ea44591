"""The SPARQL endpoint: an app factory, its middlewares, and in ``routes`` one router per
resource."""
