"""The analyst's review loop: stage an article, show what was read from it, commit decisions.

- :mod:`~coopgraph.curate.drafts`: an added article, staged until it is committed.
- :mod:`~coopgraph.curate.jobs`: extraction and builds in a process of their own, under a time
  and a memory limit, with the stage they are at.
- :mod:`~coopgraph.curate.view`: a document's text, mentions, entities and facts for the page.
- :mod:`~coopgraph.curate.candidates`: what a new entity may be, from the registry and the
  graph.
- :mod:`~coopgraph.curate.registry_edit`: new entries and aliases written into the registry.
- :mod:`~coopgraph.curate.commit`: decisions, registry changes and the document written
  together, kept only when the rebuilt graph conforms to the shapes.
- :mod:`~coopgraph.curate.proposals`: a document's facts, numbered, and the decisions recorded
  on them from the command line (:mod:`~coopgraph.curate.editor`: in an editor).
"""
