"""A system check for a content file a writer edits outside the loaded content (e.g. the check-in questions), so
`manage.py check`, CI and a deploy stop on a broken file with a message naming it."""

import yaml
from django.core import checks


def content_file_check(read, error_id):
    """A check that runs `read()` (which raises ValueError naming what is wrong) and reports any failure: a file
    in an unexpected shape (a number where a word should be) is reported too, never a crash of the check."""

    def check(app_configs=None, **kwargs):
        try:
            read()
        except (ValueError, TypeError, KeyError, AttributeError, OSError, yaml.YAMLError) as error:  # any shape
            return [checks.Error(str(error), id=error_id)]
        return []

    return check
