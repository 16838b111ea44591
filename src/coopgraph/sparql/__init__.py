"""The query runtime, without a web framework: the guard that refuses a query before it runs,
the worker processes that run it (executor, worker), the answers found without a worker
(bounded), and the catalogue of canned queries.

Empty on purpose: a worker process imports only the modules it runs.
"""
