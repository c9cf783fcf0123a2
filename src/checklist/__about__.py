__version__ = "0.1.0"
SITE_URL = "https://ml-design-checklist.github.io/ml-design-checklist/"
"""Where the published site lives: the documentation, the schemas, the checklists."""
