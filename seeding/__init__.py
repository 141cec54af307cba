"""Demo and volume data: the seeders behind ``manage.py seed_demo`` (``make demo``) and
``manage.py seed_volume`` (the benchmark in ``bench/``).

One package per app (``seeding.accounts``, ``seeding.library``, ``seeding.quizzes``,
``seeding.courses``, ``seeding.supervision``, ``seeding.toolkit``), each with a ``demo`` module
and, where the app has volume data, a ``volume`` module. ``seeding.demo`` and ``seeding.volume``
list them in the order they run.

Seeders build data through the apps' models and services; the site never imports this package
at run time (``tests/seeding/test_isolation.py`` checks it). Only the two management commands,
the benchmark and tests do.
"""
