"""A Markdown paper list -> an import plan: new categories, entries, and what was not understood.

Pure: text and configuration in, an ``ImportPlan`` out; the ``import`` command writes it.
Headings become categories (an existing category is reused when its id or name matches),
bullets become entries. The bullet forms real lists use are understood::

    - Ray: A Distributed Framework for Emerging AI Applications (OSDI'18)
    * Title (OSDI ’18) / Title (OSDI 2018) / Title, OSDI 2018
    1. [Title](https://paper.url) (EUROSYS'18) [[code](https://github.com/x/y)] [[slides](...)]
    + **Title** (NeuralPS'18) [pdf](https://...) | [video](https://...)

Every bullet becomes an entry or a problem that names its line: a venue not in
listbot.yml is reported (with a "did you mean"), never guessed; a duplicate (of another
bullet or of an existing entry, by normalized title) is skipped with a warning; an
existing entry file is never replaced. Paragraphs and other text are not papers and are
ignored, but bullet-like lines inside code blocks or HTML comments, and table-of-contents
bullets, are still reported as skipped.

The pipeline, one module per job: ``scan`` reads the Markdown lines into sections and
bullets, ``bullets`` parses one bullet in the styles lists use (``markdown`` holds the
inline syntax both share), ``plan`` turns bullets into entries and categories against
listbot.yml, ``listbot_yml`` writes the categories back. Nothing here prints, exits or
reads the environment.
"""

from listbot.importer.bullets import parse_bullet
from listbot.importer.listbot_yml import add_categories, add_venues, new_config_text
from listbot.importer.markdown import LINK_LABELS, plain
from listbot.importer.plan import ImportPlan, NewCategory, PlannedEntry, plan_import

__all__ = [
    "LINK_LABELS",
    "ImportPlan",
    "NewCategory",
    "PlannedEntry",
    "add_categories",
    "add_venues",
    "new_config_text",
    "parse_bullet",
    "plain",
    "plan_import",
]
