"""`manage.py bench_packs` (`make bench`), in parts: measuring, the two processes, the demo
pack, the generated pack and the report."""
