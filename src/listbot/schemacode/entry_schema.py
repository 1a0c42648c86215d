"""The entry schema as Python: made by ``python -m listbot.schemacode``; do not edit."""
# mypy: ignore-errors
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[^\\s](?:[^\\r\\n]*[^\\s])?$': re.compile('^[^\\s](?:[^\\r\\n]*[^\\s])?\\Z'),
    '^[a-z0-9]+(?:-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(?:-[a-z0-9]+)*\\Z'),
    '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$': re.compile('^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?\\Z'),
    '^10\\.[0-9]{4,9}/[^\\s]+$': re.compile('^10\\.[0-9]{4,9}/[^\\s]+\\Z'),
    '^(?:[0-9]{4}\\.[0-9]{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$': re.compile('^(?:[0-9]{4}\\.[0-9]{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?\\Z')
}

NoneType = type(None)

def validate_https___listbot_dev_schema_entry_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'https://listbot.dev/schema/entry.schema.json', 'title': 'listbot paper entry', 'description': 'One paper of a listbot paper list: entries/<slug>.yaml.', 'type': 'object', 'required': ['title', 'venue', 'year', 'category'], 'additionalProperties': False, 'properties': {'title': {'description': "The paper's title as published.", 'type': 'string', 'minLength': 1, 'maxLength': 400, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, 'authors': {'description': 'Authors in publication order, one name each.', 'type': 'array', 'maxItems': 300, 'items': {'type': 'string', 'minLength': 1, 'maxLength': 200, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}}, 'venue': {'description': 'A key of `venues` in listbot.yml, e.g. OSDI.', 'type': 'string', 'minLength': 1, 'maxLength': 100}, 'year': {'description': 'Year of publication.', 'type': 'integer'}, 'category': {'description': 'The id of a category in listbot.yml.', 'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'links': {'description': 'Where to read, run or watch the paper; absolute http(s) URLs.', 'type': 'object', 'propertyNames': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'additionalProperties': {'type': 'string', 'maxLength': 2000, 'pattern': '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$'}}, 'doi': {'description': 'The bare DOI, e.g. 10.1145/3190508.3190530.', 'type': 'string', 'maxLength': 300, 'pattern': '^10\\.[0-9]{4,9}/[^\\s]+$'}, 'arxiv': {'description': 'The arXiv identifier, e.g. "1712.05889" (quoted).', 'type': 'string', 'pattern': '^(?:[0-9]{4}\\.[0-9]{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$'}, 'tags': {'description': 'Kebab-case keywords.', 'type': 'array', 'maxItems': 50, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 60, 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}}, 'note': {'description': 'A one-line annotation shown in the README.', 'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['title', 'venue', 'year', 'category']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'https://listbot.dev/schema/entry.schema.json', 'title': 'listbot paper entry', 'description': 'One paper of a listbot paper list: entries/<slug>.yaml.', 'type': 'object', 'required': ['title', 'venue', 'year', 'category'], 'additionalProperties': False, 'properties': {'title': {'description': "The paper's title as published.", 'type': 'string', 'minLength': 1, 'maxLength': 400, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, 'authors': {'description': 'Authors in publication order, one name each.', 'type': 'array', 'maxItems': 300, 'items': {'type': 'string', 'minLength': 1, 'maxLength': 200, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}}, 'venue': {'description': 'A key of `venues` in listbot.yml, e.g. OSDI.', 'type': 'string', 'minLength': 1, 'maxLength': 100}, 'year': {'description': 'Year of publication.', 'type': 'integer'}, 'category': {'description': 'The id of a category in listbot.yml.', 'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'links': {'description': 'Where to read, run or watch the paper; absolute http(s) URLs.', 'type': 'object', 'propertyNames': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'additionalProperties': {'type': 'string', 'maxLength': 2000, 'pattern': '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$'}}, 'doi': {'description': 'The bare DOI, e.g. 10.1145/3190508.3190530.', 'type': 'string', 'maxLength': 300, 'pattern': '^10\\.[0-9]{4,9}/[^\\s]+$'}, 'arxiv': {'description': 'The arXiv identifier, e.g. "1712.05889" (quoted).', 'type': 'string', 'pattern': '^(?:[0-9]{4}\\.[0-9]{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$'}, 'tags': {'description': 'Kebab-case keywords.', 'type': 'array', 'maxItems': 50, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 60, 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}}, 'note': {'description': 'A one-line annotation shown in the README.', 'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}}}, rule='required')
        data_keys = set(data.keys())
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be string", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'description': "The paper's title as published.", 'type': 'string', 'minLength': 1, 'maxLength': 400, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='type')
            if isinstance(data__title, str):
                data__title_len = len(data__title)
                if data__title_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be longer than or equal to 1 characters", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'description': "The paper's title as published.", 'type': 'string', 'minLength': 1, 'maxLength': 400, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='minLength')
                if data__title_len > 400:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be shorter than or equal to 400 characters", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'description': "The paper's title as published.", 'type': 'string', 'minLength': 1, 'maxLength': 400, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='maxLength')
                if not REGEX_PATTERNS['^[^\\s](?:[^\\r\\n]*[^\\s])?$'].search(data__title):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must match pattern ^[^\\s](?:[^\\r\\n]*[^\\s])?$", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'description': "The paper's title as published.", 'type': 'string', 'minLength': 1, 'maxLength': 400, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='pattern')
        if "authors" in data_keys:
            data_keys.remove("authors")
            data__authors = data["authors"]
            if not isinstance(data__authors, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".authors must be array", value=data__authors, name="" + (name_prefix or "data") + ".authors", definition={'description': 'Authors in publication order, one name each.', 'type': 'array', 'maxItems': 300, 'items': {'type': 'string', 'minLength': 1, 'maxLength': 200, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}}, rule='type')
            data__authors_is_list = isinstance(data__authors, (list, tuple))
            if data__authors_is_list:
                data__authors_len = len(data__authors)
                if data__authors_len > 300:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".authors must contain less than or equal to 300 items", value=data__authors, name="" + (name_prefix or "data") + ".authors", definition={'description': 'Authors in publication order, one name each.', 'type': 'array', 'maxItems': 300, 'items': {'type': 'string', 'minLength': 1, 'maxLength': 200, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}}, rule='maxItems')
                for data__authors_x, data__authors_item in enumerate(data__authors):
                    if not isinstance(data__authors_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".authors[{data__authors_x}]".format(**locals()) + " must be string", value=data__authors_item, name="" + (name_prefix or "data") + ".authors[{data__authors_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 200, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='type')
                    if isinstance(data__authors_item, str):
                        data__authors_item_len = len(data__authors_item)
                        if data__authors_item_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".authors[{data__authors_x}]".format(**locals()) + " must be longer than or equal to 1 characters", value=data__authors_item, name="" + (name_prefix or "data") + ".authors[{data__authors_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 200, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='minLength')
                        if data__authors_item_len > 200:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".authors[{data__authors_x}]".format(**locals()) + " must be shorter than or equal to 200 characters", value=data__authors_item, name="" + (name_prefix or "data") + ".authors[{data__authors_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 200, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='maxLength')
                        if not REGEX_PATTERNS['^[^\\s](?:[^\\r\\n]*[^\\s])?$'].search(data__authors_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".authors[{data__authors_x}]".format(**locals()) + " must match pattern ^[^\\s](?:[^\\r\\n]*[^\\s])?$", value=data__authors_item, name="" + (name_prefix or "data") + ".authors[{data__authors_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 200, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='pattern')
        if "venue" in data_keys:
            data_keys.remove("venue")
            data__venue = data["venue"]
            if not isinstance(data__venue, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".venue must be string", value=data__venue, name="" + (name_prefix or "data") + ".venue", definition={'description': 'A key of `venues` in listbot.yml, e.g. OSDI.', 'type': 'string', 'minLength': 1, 'maxLength': 100}, rule='type')
            if isinstance(data__venue, str):
                data__venue_len = len(data__venue)
                if data__venue_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".venue must be longer than or equal to 1 characters", value=data__venue, name="" + (name_prefix or "data") + ".venue", definition={'description': 'A key of `venues` in listbot.yml, e.g. OSDI.', 'type': 'string', 'minLength': 1, 'maxLength': 100}, rule='minLength')
                if data__venue_len > 100:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".venue must be shorter than or equal to 100 characters", value=data__venue, name="" + (name_prefix or "data") + ".venue", definition={'description': 'A key of `venues` in listbot.yml, e.g. OSDI.', 'type': 'string', 'minLength': 1, 'maxLength': 100}, rule='maxLength')
        if "year" in data_keys:
            data_keys.remove("year")
            data__year = data["year"]
            if not isinstance(data__year, (int)) and not (isinstance(data__year, float) and data__year.is_integer()) or isinstance(data__year, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".year must be integer", value=data__year, name="" + (name_prefix or "data") + ".year", definition={'description': 'Year of publication.', 'type': 'integer'}, rule='type')
        if "category" in data_keys:
            data_keys.remove("category")
            data__category = data["category"]
            if not isinstance(data__category, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".category must be string", value=data__category, name="" + (name_prefix or "data") + ".category", definition={'description': 'The id of a category in listbot.yml.', 'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, rule='type')
            if isinstance(data__category, str):
                if not REGEX_PATTERNS['^[a-z0-9]+(?:-[a-z0-9]+)*$'].search(data__category):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".category must match pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$", value=data__category, name="" + (name_prefix or "data") + ".category", definition={'description': 'The id of a category in listbot.yml.', 'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, rule='pattern')
        if "links" in data_keys:
            data_keys.remove("links")
            data__links = data["links"]
            if not isinstance(data__links, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links must be object", value=data__links, name="" + (name_prefix or "data") + ".links", definition={'description': 'Where to read, run or watch the paper; absolute http(s) URLs.', 'type': 'object', 'propertyNames': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'additionalProperties': {'type': 'string', 'maxLength': 2000, 'pattern': '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$'}}, rule='type')
            data__links_is_dict = isinstance(data__links, dict)
            if data__links_is_dict:
                data__links_keys = set(data__links.keys())
                for data__links_key in data__links_keys:
                    if data__links_key not in []:
                        data__links_value = data__links.get(data__links_key)
                        if not isinstance(data__links_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.{data__links_key}".format(**locals()) + " must be string", value=data__links_value, name="" + (name_prefix or "data") + ".links.{data__links_key}".format(**locals()) + "", definition={'type': 'string', 'maxLength': 2000, 'pattern': '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$'}, rule='type')
                        if isinstance(data__links_value, str):
                            data__links_value_len = len(data__links_value)
                            if data__links_value_len > 2000:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.{data__links_key}".format(**locals()) + " must be shorter than or equal to 2000 characters", value=data__links_value, name="" + (name_prefix or "data") + ".links.{data__links_key}".format(**locals()) + "", definition={'type': 'string', 'maxLength': 2000, 'pattern': '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$'}, rule='maxLength')
                            if not REGEX_PATTERNS['^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$'].search(data__links_value):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.{data__links_key}".format(**locals()) + " must match pattern ^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$", value=data__links_value, name="" + (name_prefix or "data") + ".links.{data__links_key}".format(**locals()) + "", definition={'type': 'string', 'maxLength': 2000, 'pattern': '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$'}, rule='pattern')
                data__links_len = len(data__links)
                if data__links_len != 0:
                    data__links_property_names = True
                    for data__links_key in data__links:
                        try:
                            if not (isinstance(data__links_key, str) and data__links_key == 'paper' or isinstance(data__links_key, str) and data__links_key == 'pdf' or isinstance(data__links_key, str) and data__links_key == 'code' or isinstance(data__links_key, str) and data__links_key == 'slides' or isinstance(data__links_key, str) and data__links_key == 'video'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links must be one of ['paper', 'pdf', 'code', 'slides', 'video']", value=data__links_key, name="" + (name_prefix or "data") + ".links", definition={'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, rule='enum')
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__links_property_names = False
                    if not data__links_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links must be named by propertyName definition", value=data__links, name="" + (name_prefix or "data") + ".links", definition={'description': 'Where to read, run or watch the paper; absolute http(s) URLs.', 'type': 'object', 'propertyNames': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'additionalProperties': {'type': 'string', 'maxLength': 2000, 'pattern': '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$'}}, rule='propertyNames')
        if "doi" in data_keys:
            data_keys.remove("doi")
            data__doi = data["doi"]
            if not isinstance(data__doi, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".doi must be string", value=data__doi, name="" + (name_prefix or "data") + ".doi", definition={'description': 'The bare DOI, e.g. 10.1145/3190508.3190530.', 'type': 'string', 'maxLength': 300, 'pattern': '^10\\.[0-9]{4,9}/[^\\s]+$'}, rule='type')
            if isinstance(data__doi, str):
                data__doi_len = len(data__doi)
                if data__doi_len > 300:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".doi must be shorter than or equal to 300 characters", value=data__doi, name="" + (name_prefix or "data") + ".doi", definition={'description': 'The bare DOI, e.g. 10.1145/3190508.3190530.', 'type': 'string', 'maxLength': 300, 'pattern': '^10\\.[0-9]{4,9}/[^\\s]+$'}, rule='maxLength')
                if not REGEX_PATTERNS['^10\\.[0-9]{4,9}/[^\\s]+$'].search(data__doi):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".doi must match pattern ^10\\.[0-9]{4,9}/[^\\s]+$", value=data__doi, name="" + (name_prefix or "data") + ".doi", definition={'description': 'The bare DOI, e.g. 10.1145/3190508.3190530.', 'type': 'string', 'maxLength': 300, 'pattern': '^10\\.[0-9]{4,9}/[^\\s]+$'}, rule='pattern')
        if "arxiv" in data_keys:
            data_keys.remove("arxiv")
            data__arxiv = data["arxiv"]
            if not isinstance(data__arxiv, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".arxiv must be string", value=data__arxiv, name="" + (name_prefix or "data") + ".arxiv", definition={'description': 'The arXiv identifier, e.g. "1712.05889" (quoted).', 'type': 'string', 'pattern': '^(?:[0-9]{4}\\.[0-9]{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$'}, rule='type')
            if isinstance(data__arxiv, str):
                if not REGEX_PATTERNS['^(?:[0-9]{4}\\.[0-9]{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$'].search(data__arxiv):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".arxiv must match pattern ^(?:[0-9]{4}\\.[0-9]{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$", value=data__arxiv, name="" + (name_prefix or "data") + ".arxiv", definition={'description': 'The arXiv identifier, e.g. "1712.05889" (quoted).', 'type': 'string', 'pattern': '^(?:[0-9]{4}\\.[0-9]{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$'}, rule='pattern')
        if "tags" in data_keys:
            data_keys.remove("tags")
            data__tags = data["tags"]
            if not isinstance(data__tags, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags must be array", value=data__tags, name="" + (name_prefix or "data") + ".tags", definition={'description': 'Kebab-case keywords.', 'type': 'array', 'maxItems': 50, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 60, 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}}, rule='type')
            data__tags_is_list = isinstance(data__tags, (list, tuple))
            if data__tags_is_list:
                data__tags_len = len(data__tags)
                if data__tags_len > 50:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags must contain less than or equal to 50 items", value=data__tags, name="" + (name_prefix or "data") + ".tags", definition={'description': 'Kebab-case keywords.', 'type': 'array', 'maxItems': 50, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 60, 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}}, rule='maxItems')
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                if data__tags_len > len(set(fn(data__tags_x) for data__tags_x in data__tags)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags must contain unique items", value=data__tags, name="" + (name_prefix or "data") + ".tags", definition={'description': 'Kebab-case keywords.', 'type': 'array', 'maxItems': 50, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 60, 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}}, rule='uniqueItems')
                for data__tags_x, data__tags_item in enumerate(data__tags):
                    if not isinstance(data__tags_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags[{data__tags_x}]".format(**locals()) + " must be string", value=data__tags_item, name="" + (name_prefix or "data") + ".tags[{data__tags_x}]".format(**locals()) + "", definition={'type': 'string', 'maxLength': 60, 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, rule='type')
                    if isinstance(data__tags_item, str):
                        data__tags_item_len = len(data__tags_item)
                        if data__tags_item_len > 60:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags[{data__tags_x}]".format(**locals()) + " must be shorter than or equal to 60 characters", value=data__tags_item, name="" + (name_prefix or "data") + ".tags[{data__tags_x}]".format(**locals()) + "", definition={'type': 'string', 'maxLength': 60, 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, rule='maxLength')
                        if not REGEX_PATTERNS['^[a-z0-9]+(?:-[a-z0-9]+)*$'].search(data__tags_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags[{data__tags_x}]".format(**locals()) + " must match pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$", value=data__tags_item, name="" + (name_prefix or "data") + ".tags[{data__tags_x}]".format(**locals()) + "", definition={'type': 'string', 'maxLength': 60, 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, rule='pattern')
        if "note" in data_keys:
            data_keys.remove("note")
            data__note = data["note"]
            if not isinstance(data__note, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must be string", value=data__note, name="" + (name_prefix or "data") + ".note", definition={'description': 'A one-line annotation shown in the README.', 'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='type')
            if isinstance(data__note, str):
                data__note_len = len(data__note)
                if data__note_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must be longer than or equal to 1 characters", value=data__note, name="" + (name_prefix or "data") + ".note", definition={'description': 'A one-line annotation shown in the README.', 'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='minLength')
                if data__note_len > 500:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must be shorter than or equal to 500 characters", value=data__note, name="" + (name_prefix or "data") + ".note", definition={'description': 'A one-line annotation shown in the README.', 'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='maxLength')
                if not REGEX_PATTERNS['^[^\\s](?:[^\\r\\n]*[^\\s])?$'].search(data__note):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must match pattern ^[^\\s](?:[^\\r\\n]*[^\\s])?$", value=data__note, name="" + (name_prefix or "data") + ".note", definition={'description': 'A one-line annotation shown in the README.', 'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, rule='pattern')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'https://listbot.dev/schema/entry.schema.json', 'title': 'listbot paper entry', 'description': 'One paper of a listbot paper list: entries/<slug>.yaml.', 'type': 'object', 'required': ['title', 'venue', 'year', 'category'], 'additionalProperties': False, 'properties': {'title': {'description': "The paper's title as published.", 'type': 'string', 'minLength': 1, 'maxLength': 400, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}, 'authors': {'description': 'Authors in publication order, one name each.', 'type': 'array', 'maxItems': 300, 'items': {'type': 'string', 'minLength': 1, 'maxLength': 200, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}}, 'venue': {'description': 'A key of `venues` in listbot.yml, e.g. OSDI.', 'type': 'string', 'minLength': 1, 'maxLength': 100}, 'year': {'description': 'Year of publication.', 'type': 'integer'}, 'category': {'description': 'The id of a category in listbot.yml.', 'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'links': {'description': 'Where to read, run or watch the paper; absolute http(s) URLs.', 'type': 'object', 'propertyNames': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'additionalProperties': {'type': 'string', 'maxLength': 2000, 'pattern': '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$'}}, 'doi': {'description': 'The bare DOI, e.g. 10.1145/3190508.3190530.', 'type': 'string', 'maxLength': 300, 'pattern': '^10\\.[0-9]{4,9}/[^\\s]+$'}, 'arxiv': {'description': 'The arXiv identifier, e.g. "1712.05889" (quoted).', 'type': 'string', 'pattern': '^(?:[0-9]{4}\\.[0-9]{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$'}, 'tags': {'description': 'Kebab-case keywords.', 'type': 'array', 'maxItems': 50, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 60, 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}}, 'note': {'description': 'A one-line annotation shown in the README.', 'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\s](?:[^\\r\\n]*[^\\s])?$'}}}, rule='additionalProperties')
    return data

SCHEMA_SHA256 = 'a0862bb656fad798e391cb31392b7a8ee43da2742b05a7d45039aecc093c5812'
validate = validate_https___listbot_dev_schema_entry_schema_json
