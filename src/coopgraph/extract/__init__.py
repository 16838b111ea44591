"""Rule-based extraction: mentions of entities, values, relations and figures in a document."""
