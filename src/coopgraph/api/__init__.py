"""The SPARQL endpoint: an app factory and one router per resource."""
