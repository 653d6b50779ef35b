"""The demo of the portal: Healthier Lancashire and South Cumbria, its ICS Board and the
Board's meetings of 4 November and 2 December 2020, built through the apps' services.

It stands above every app: it imports them, and nothing imports it. `manage.py load_demo`
loads it; `manage.py bench_packs` times board packs on it. The seed readers (`seeds/`)
read the source board pack when SEEDS_DIR holds it.
"""
