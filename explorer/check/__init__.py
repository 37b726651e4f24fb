"""Check an implementation against ours: run it beside the engine (``runner``), compare traces
(``compare``), name the known mistake a difference looks like (``diagnose``), record any training loop as a
trace (``recorder``). Qt-free; layers: check over session over engine."""
