"""The config schema as Python: made by ``python -m listbot.schemacode``; do not edit."""
# mypy: ignore-errors
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[A-Za-z][A-Za-z0-9&+-]*$': re.compile('^[A-Za-z][A-Za-z0-9&+-]*\\Z'),
    '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$': re.compile('^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*\\Z'),
    '^[a-z0-9]+(?:-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(?:-[a-z0-9]+)*\\Z'),
    '^[^\\r\\n]*$': re.compile('^[^\\r\\n]*\\Z')
}

NoneType = type(None)

def validate_https___listbot_dev_schema_config_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'https://listbot.dev/schema/config.schema.json', 'title': 'listbot.yml', 'description': 'Configuration of a listbot paper list. Only `categories` is required.', 'type': 'object', 'required': ['categories'], 'additionalProperties': False, '$defs': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'line': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'category': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'description': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'children': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}}}}, 'properties': {'$schema': {'type': 'string'}, 'title': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'entries': {'description': 'Folder of entry files.', 'type': 'string', 'default': 'entries'}, 'readme': {'description': 'File whose marked region is rendered.', 'type': 'string', 'default': 'README.md'}, 'categories': {'description': 'The category tree in display order.', 'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}, 'builtin_venues': {'description': "Whether the built-in venue table extends the list's own venues (default true). false: only the venues listed here are known.", 'type': 'boolean'}, 'venues': {'description': 'Venue keys in display order, with full names and aliases. They extend a built-in table (see builtin_venues).', 'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z][A-Za-z0-9&+-]*$', 'maxLength': 40}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'additionalProperties': False, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'aliases': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}}}}, 'render': {'type': 'object', 'additionalProperties': False, 'properties': {'template': {'description': "How a paper's line starts; placeholders {title} {venue} {year} {yy} {authors}.", 'type': 'string', 'default': "{title} ({venue}'{yy})"}, 'links': {'description': 'Which links to show, in this order.', 'type': 'array', 'uniqueItems': True, 'items': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'default': ['paper', 'pdf', 'code', 'slides', 'video']}, 'toc': {'type': 'boolean', 'default': True}, 'counts': {'type': 'boolean', 'default': True}, 'heading_level': {'type': 'integer', 'minimum': 1, 'maximum': 4, 'default': 2}, 'downloads': {'description': 'Files beside the README (written by `listbot export`) linked above the list, e.g. [papers.bib, papers.json].', 'type': 'array', 'uniqueItems': True, 'maxItems': 10, 'items': {'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, 'default': []}}}, 'sort': {'description': 'Order of papers within a category.', 'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['year', '-year', 'venue', 'title']}, 'default': ['year', 'venue', 'title']}, 'links': {'type': 'object', 'additionalProperties': False, 'properties': {'timeout': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 120, 'default': 10}, 'retries': {'type': 'integer', 'minimum': 0, 'maximum': 10, 'default': 2}, 'concurrency': {'type': 'integer', 'minimum': 1, 'maximum': 256, 'default': 32}, 'per_host': {'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 1}, 'max_per_host': {'description': "Ceiling of a host's adaptive concurrency (it starts at per_host).", 'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 4}, 'accept': {'description': 'HTTP status codes counted as ok besides 2xx.', 'type': 'array', 'items': {'type': 'integer', 'minimum': 100, 'maximum': 599}, 'default': []}, 'exclude': {'description': 'Regular expressions; matching URLs are not checked.', 'type': 'array', 'items': {'type': 'string'}, 'default': []}, 'cache': {'type': 'string', 'default': '.listbot/links-cache.json'}, 'cache_max_age_days': {'type': 'number', 'minimum': 0, 'default': 7}, 'max_retry_after': {'type': 'number', 'minimum': 0, 'maximum': 600, 'default': 30}, 'allow_private': {'type': 'boolean', 'default': False}}}, 'bot': {'type': 'object', 'additionalProperties': False, 'properties': {'comment_title': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'labels': {'type': 'object', 'additionalProperties': False, 'properties': {'new_paper': {'type': 'string', 'default': 'new-paper'}, 'needs_changes': {'type': 'string', 'default': 'needs-changes'}, 'link_rot': {'type': 'string', 'default': 'link-rot'}}}}}, 'metadata': {'type': 'object', 'additionalProperties': False, 'properties': {'contact': {'description': "Email for Crossref's polite pool.", 'type': 'string'}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['categories']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'https://listbot.dev/schema/config.schema.json', 'title': 'listbot.yml', 'description': 'Configuration of a listbot paper list. Only `categories` is required.', 'type': 'object', 'required': ['categories'], 'additionalProperties': False, '$defs': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'line': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'category': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'description': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'children': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}}}}, 'properties': {'$schema': {'type': 'string'}, 'title': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'entries': {'description': 'Folder of entry files.', 'type': 'string', 'default': 'entries'}, 'readme': {'description': 'File whose marked region is rendered.', 'type': 'string', 'default': 'README.md'}, 'categories': {'description': 'The category tree in display order.', 'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}, 'builtin_venues': {'description': "Whether the built-in venue table extends the list's own venues (default true). false: only the venues listed here are known.", 'type': 'boolean'}, 'venues': {'description': 'Venue keys in display order, with full names and aliases. They extend a built-in table (see builtin_venues).', 'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z][A-Za-z0-9&+-]*$', 'maxLength': 40}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'additionalProperties': False, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'aliases': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}}}}, 'render': {'type': 'object', 'additionalProperties': False, 'properties': {'template': {'description': "How a paper's line starts; placeholders {title} {venue} {year} {yy} {authors}.", 'type': 'string', 'default': "{title} ({venue}'{yy})"}, 'links': {'description': 'Which links to show, in this order.', 'type': 'array', 'uniqueItems': True, 'items': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'default': ['paper', 'pdf', 'code', 'slides', 'video']}, 'toc': {'type': 'boolean', 'default': True}, 'counts': {'type': 'boolean', 'default': True}, 'heading_level': {'type': 'integer', 'minimum': 1, 'maximum': 4, 'default': 2}, 'downloads': {'description': 'Files beside the README (written by `listbot export`) linked above the list, e.g. [papers.bib, papers.json].', 'type': 'array', 'uniqueItems': True, 'maxItems': 10, 'items': {'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, 'default': []}}}, 'sort': {'description': 'Order of papers within a category.', 'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['year', '-year', 'venue', 'title']}, 'default': ['year', 'venue', 'title']}, 'links': {'type': 'object', 'additionalProperties': False, 'properties': {'timeout': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 120, 'default': 10}, 'retries': {'type': 'integer', 'minimum': 0, 'maximum': 10, 'default': 2}, 'concurrency': {'type': 'integer', 'minimum': 1, 'maximum': 256, 'default': 32}, 'per_host': {'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 1}, 'max_per_host': {'description': "Ceiling of a host's adaptive concurrency (it starts at per_host).", 'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 4}, 'accept': {'description': 'HTTP status codes counted as ok besides 2xx.', 'type': 'array', 'items': {'type': 'integer', 'minimum': 100, 'maximum': 599}, 'default': []}, 'exclude': {'description': 'Regular expressions; matching URLs are not checked.', 'type': 'array', 'items': {'type': 'string'}, 'default': []}, 'cache': {'type': 'string', 'default': '.listbot/links-cache.json'}, 'cache_max_age_days': {'type': 'number', 'minimum': 0, 'default': 7}, 'max_retry_after': {'type': 'number', 'minimum': 0, 'maximum': 600, 'default': 30}, 'allow_private': {'type': 'boolean', 'default': False}}}, 'bot': {'type': 'object', 'additionalProperties': False, 'properties': {'comment_title': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'labels': {'type': 'object', 'additionalProperties': False, 'properties': {'new_paper': {'type': 'string', 'default': 'new-paper'}, 'needs_changes': {'type': 'string', 'default': 'needs-changes'}, 'link_rot': {'type': 'string', 'default': 'link-rot'}}}}}, 'metadata': {'type': 'object', 'additionalProperties': False, 'properties': {'contact': {'description': "Email for Crossref's polite pool.", 'type': 'string'}}}}}, rule='required')
        data_keys = set(data.keys())
        if "$schema" in data_keys:
            data_keys.remove("$schema")
            data__schema = data["$schema"]
            if not isinstance(data__schema, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".$schema must be string", value=data__schema, name="" + (name_prefix or "data") + ".$schema", definition={'type': 'string'}, rule='type')
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            validate_https___listbot_dev_schema_config_schema_json___defs_line(data__title, custom_formats, (name_prefix or "data") + ".title")
        if "entries" in data_keys:
            data_keys.remove("entries")
            data__entries = data["entries"]
            if not isinstance(data__entries, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entries must be string", value=data__entries, name="" + (name_prefix or "data") + ".entries", definition={'description': 'Folder of entry files.', 'type': 'string', 'default': 'entries'}, rule='type')
        else: data["entries"] = 'entries'
        if "readme" in data_keys:
            data_keys.remove("readme")
            data__readme = data["readme"]
            if not isinstance(data__readme, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".readme must be string", value=data__readme, name="" + (name_prefix or "data") + ".readme", definition={'description': 'File whose marked region is rendered.', 'type': 'string', 'default': 'README.md'}, rule='type')
        else: data["readme"] = 'README.md'
        if "categories" in data_keys:
            data_keys.remove("categories")
            data__categories = data["categories"]
            if not isinstance(data__categories, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".categories must be array", value=data__categories, name="" + (name_prefix or "data") + ".categories", definition={'description': 'The category tree in display order.', 'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}, rule='type')
            data__categories_is_list = isinstance(data__categories, (list, tuple))
            if data__categories_is_list:
                data__categories_len = len(data__categories)
                if data__categories_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".categories must contain at least 1 items", value=data__categories, name="" + (name_prefix or "data") + ".categories", definition={'description': 'The category tree in display order.', 'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}, rule='minItems')
                for data__categories_x, data__categories_item in enumerate(data__categories):
                    validate_https___listbot_dev_schema_config_schema_json___defs_category(data__categories_item, custom_formats, (name_prefix or "data") + ".categories[{data__categories_x}]".format(**locals()))
        if "builtin_venues" in data_keys:
            data_keys.remove("builtin_venues")
            data__builtinvenues = data["builtin_venues"]
            if not isinstance(data__builtinvenues, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".builtin_venues must be boolean", value=data__builtinvenues, name="" + (name_prefix or "data") + ".builtin_venues", definition={'description': "Whether the built-in venue table extends the list's own venues (default true). false: only the venues listed here are known.", 'type': 'boolean'}, rule='type')
        if "venues" in data_keys:
            data_keys.remove("venues")
            data__venues = data["venues"]
            if not isinstance(data__venues, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues must be object", value=data__venues, name="" + (name_prefix or "data") + ".venues", definition={'description': 'Venue keys in display order, with full names and aliases. They extend a built-in table (see builtin_venues).', 'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z][A-Za-z0-9&+-]*$', 'maxLength': 40}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'additionalProperties': False, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'aliases': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}}}}, rule='type')
            data__venues_is_dict = isinstance(data__venues, dict)
            if data__venues_is_dict:
                data__venues_keys = set(data__venues.keys())
                for data__venues_key in data__venues_keys:
                    if data__venues_key not in []:
                        data__venues_value = data__venues.get(data__venues_key)
                        if not isinstance(data__venues_value, (dict)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues.{data__venues_key}".format(**locals()) + " must be object", value=data__venues_value, name="" + (name_prefix or "data") + ".venues.{data__venues_key}".format(**locals()) + "", definition={'type': 'object', 'required': ['name'], 'additionalProperties': False, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'aliases': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}}}, rule='type')
                        data__venues_value_is_dict = isinstance(data__venues_value, dict)
                        if data__venues_value_is_dict:
                            data__venues_value__missing_keys = set(['name']) - data__venues_value.keys()
                            if data__venues_value__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues.{data__venues_key}".format(**locals()) + " must contain " + (str(sorted(data__venues_value__missing_keys)) + " properties"), value=data__venues_value, name="" + (name_prefix or "data") + ".venues.{data__venues_key}".format(**locals()) + "", definition={'type': 'object', 'required': ['name'], 'additionalProperties': False, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'aliases': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}}}, rule='required')
                            data__venues_value_keys = set(data__venues_value.keys())
                            if "name" in data__venues_value_keys:
                                data__venues_value_keys.remove("name")
                                data__venues_value__name = data__venues_value["name"]
                                validate_https___listbot_dev_schema_config_schema_json___defs_line(data__venues_value__name, custom_formats, (name_prefix or "data") + ".venues.{data__venues_key}.name".format(**locals()))
                            if "aliases" in data__venues_value_keys:
                                data__venues_value_keys.remove("aliases")
                                data__venues_value__aliases = data__venues_value["aliases"]
                                if not isinstance(data__venues_value__aliases, (list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues.{data__venues_key}.aliases".format(**locals()) + " must be array", value=data__venues_value__aliases, name="" + (name_prefix or "data") + ".venues.{data__venues_key}.aliases".format(**locals()) + "", definition={'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}, rule='type')
                                data__venues_value__aliases_is_list = isinstance(data__venues_value__aliases, (list, tuple))
                                if data__venues_value__aliases_is_list:
                                    def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                                    data__venues_value__aliases_len = len(data__venues_value__aliases)
                                    if data__venues_value__aliases_len > len(set(fn(data__venues_value__aliases_x) for data__venues_value__aliases_x in data__venues_value__aliases)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues.{data__venues_key}.aliases".format(**locals()) + " must contain unique items", value=data__venues_value__aliases, name="" + (name_prefix or "data") + ".venues.{data__venues_key}.aliases".format(**locals()) + "", definition={'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}, rule='uniqueItems')
                                    for data__venues_value__aliases_x, data__venues_value__aliases_item in enumerate(data__venues_value__aliases):
                                        validate_https___listbot_dev_schema_config_schema_json___defs_line(data__venues_value__aliases_item, custom_formats, (name_prefix or "data") + ".venues.{data__venues_key}.aliases[{data__venues_value__aliases_x}]".format(**locals()))
                            if data__venues_value_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues.{data__venues_key}".format(**locals()) + " must not contain "+str(data__venues_value_keys)+" properties", value=data__venues_value, name="" + (name_prefix or "data") + ".venues.{data__venues_key}".format(**locals()) + "", definition={'type': 'object', 'required': ['name'], 'additionalProperties': False, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'aliases': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}}}, rule='additionalProperties')
                data__venues_len = len(data__venues)
                if data__venues_len != 0:
                    data__venues_property_names = True
                    for data__venues_key in data__venues:
                        try:
                            if not isinstance(data__venues_key, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues must be string", value=data__venues_key, name="" + (name_prefix or "data") + ".venues", definition={'type': 'string', 'pattern': '^[A-Za-z][A-Za-z0-9&+-]*$', 'maxLength': 40}, rule='type')
                            if isinstance(data__venues_key, str):
                                data__venues_key_len = len(data__venues_key)
                                if data__venues_key_len > 40:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues must be shorter than or equal to 40 characters", value=data__venues_key, name="" + (name_prefix or "data") + ".venues", definition={'type': 'string', 'pattern': '^[A-Za-z][A-Za-z0-9&+-]*$', 'maxLength': 40}, rule='maxLength')
                                if not REGEX_PATTERNS['^[A-Za-z][A-Za-z0-9&+-]*$'].search(data__venues_key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues must match pattern ^[A-Za-z][A-Za-z0-9&+-]*$", value=data__venues_key, name="" + (name_prefix or "data") + ".venues", definition={'type': 'string', 'pattern': '^[A-Za-z][A-Za-z0-9&+-]*$', 'maxLength': 40}, rule='pattern')
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__venues_property_names = False
                    if not data__venues_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".venues must be named by propertyName definition", value=data__venues, name="" + (name_prefix or "data") + ".venues", definition={'description': 'Venue keys in display order, with full names and aliases. They extend a built-in table (see builtin_venues).', 'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z][A-Za-z0-9&+-]*$', 'maxLength': 40}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'additionalProperties': False, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'aliases': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}}}}, rule='propertyNames')
        if "render" in data_keys:
            data_keys.remove("render")
            data__render = data["render"]
            if not isinstance(data__render, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".render must be object", value=data__render, name="" + (name_prefix or "data") + ".render", definition={'type': 'object', 'additionalProperties': False, 'properties': {'template': {'description': "How a paper's line starts; placeholders {title} {venue} {year} {yy} {authors}.", 'type': 'string', 'default': "{title} ({venue}'{yy})"}, 'links': {'description': 'Which links to show, in this order.', 'type': 'array', 'uniqueItems': True, 'items': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'default': ['paper', 'pdf', 'code', 'slides', 'video']}, 'toc': {'type': 'boolean', 'default': True}, 'counts': {'type': 'boolean', 'default': True}, 'heading_level': {'type': 'integer', 'minimum': 1, 'maximum': 4, 'default': 2}, 'downloads': {'description': 'Files beside the README (written by `listbot export`) linked above the list, e.g. [papers.bib, papers.json].', 'type': 'array', 'uniqueItems': True, 'maxItems': 10, 'items': {'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, 'default': []}}}, rule='type')
            data__render_is_dict = isinstance(data__render, dict)
            if data__render_is_dict:
                data__render_keys = set(data__render.keys())
                if "template" in data__render_keys:
                    data__render_keys.remove("template")
                    data__render__template = data__render["template"]
                    if not isinstance(data__render__template, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.template must be string", value=data__render__template, name="" + (name_prefix or "data") + ".render.template", definition={'description': "How a paper's line starts; placeholders {title} {venue} {year} {yy} {authors}.", 'type': 'string', 'default': "{title} ({venue}'{yy})"}, rule='type')
                else: data__render["template"] = "{title} ({venue}'{yy})"
                if "links" in data__render_keys:
                    data__render_keys.remove("links")
                    data__render__links = data__render["links"]
                    if not isinstance(data__render__links, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.links must be array", value=data__render__links, name="" + (name_prefix or "data") + ".render.links", definition={'description': 'Which links to show, in this order.', 'type': 'array', 'uniqueItems': True, 'items': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'default': ['paper', 'pdf', 'code', 'slides', 'video']}, rule='type')
                    data__render__links_is_list = isinstance(data__render__links, (list, tuple))
                    if data__render__links_is_list:
                        def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                        data__render__links_len = len(data__render__links)
                        if data__render__links_len > len(set(fn(data__render__links_x) for data__render__links_x in data__render__links)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.links must contain unique items", value=data__render__links, name="" + (name_prefix or "data") + ".render.links", definition={'description': 'Which links to show, in this order.', 'type': 'array', 'uniqueItems': True, 'items': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'default': ['paper', 'pdf', 'code', 'slides', 'video']}, rule='uniqueItems')
                        for data__render__links_x, data__render__links_item in enumerate(data__render__links):
                            if not (isinstance(data__render__links_item, str) and data__render__links_item == 'paper' or isinstance(data__render__links_item, str) and data__render__links_item == 'pdf' or isinstance(data__render__links_item, str) and data__render__links_item == 'code' or isinstance(data__render__links_item, str) and data__render__links_item == 'slides' or isinstance(data__render__links_item, str) and data__render__links_item == 'video'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.links[{data__render__links_x}]".format(**locals()) + " must be one of ['paper', 'pdf', 'code', 'slides', 'video']", value=data__render__links_item, name="" + (name_prefix or "data") + ".render.links[{data__render__links_x}]".format(**locals()) + "", definition={'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, rule='enum')
                else: data__render["links"] = ['paper', 'pdf', 'code', 'slides', 'video']
                if "toc" in data__render_keys:
                    data__render_keys.remove("toc")
                    data__render__toc = data__render["toc"]
                    if not isinstance(data__render__toc, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.toc must be boolean", value=data__render__toc, name="" + (name_prefix or "data") + ".render.toc", definition={'type': 'boolean', 'default': True}, rule='type')
                else: data__render["toc"] = True
                if "counts" in data__render_keys:
                    data__render_keys.remove("counts")
                    data__render__counts = data__render["counts"]
                    if not isinstance(data__render__counts, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.counts must be boolean", value=data__render__counts, name="" + (name_prefix or "data") + ".render.counts", definition={'type': 'boolean', 'default': True}, rule='type')
                else: data__render["counts"] = True
                if "heading_level" in data__render_keys:
                    data__render_keys.remove("heading_level")
                    data__render__headinglevel = data__render["heading_level"]
                    if not isinstance(data__render__headinglevel, (int)) and not (isinstance(data__render__headinglevel, float) and data__render__headinglevel.is_integer()) or isinstance(data__render__headinglevel, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.heading_level must be integer", value=data__render__headinglevel, name="" + (name_prefix or "data") + ".render.heading_level", definition={'type': 'integer', 'minimum': 1, 'maximum': 4, 'default': 2}, rule='type')
                    if isinstance(data__render__headinglevel, (int, float, Decimal)) and not isinstance(data__render__headinglevel, bool):
                        if data__render__headinglevel < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.heading_level must be bigger than or equal to 1", value=data__render__headinglevel, name="" + (name_prefix or "data") + ".render.heading_level", definition={'type': 'integer', 'minimum': 1, 'maximum': 4, 'default': 2}, rule='minimum')
                        if data__render__headinglevel > 4:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.heading_level must be smaller than or equal to 4", value=data__render__headinglevel, name="" + (name_prefix or "data") + ".render.heading_level", definition={'type': 'integer', 'minimum': 1, 'maximum': 4, 'default': 2}, rule='maximum')
                else: data__render["heading_level"] = 2
                if "downloads" in data__render_keys:
                    data__render_keys.remove("downloads")
                    data__render__downloads = data__render["downloads"]
                    if not isinstance(data__render__downloads, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.downloads must be array", value=data__render__downloads, name="" + (name_prefix or "data") + ".render.downloads", definition={'description': 'Files beside the README (written by `listbot export`) linked above the list, e.g. [papers.bib, papers.json].', 'type': 'array', 'uniqueItems': True, 'maxItems': 10, 'items': {'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, 'default': []}, rule='type')
                    data__render__downloads_is_list = isinstance(data__render__downloads, (list, tuple))
                    if data__render__downloads_is_list:
                        data__render__downloads_len = len(data__render__downloads)
                        if data__render__downloads_len > 10:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.downloads must contain less than or equal to 10 items", value=data__render__downloads, name="" + (name_prefix or "data") + ".render.downloads", definition={'description': 'Files beside the README (written by `listbot export`) linked above the list, e.g. [papers.bib, papers.json].', 'type': 'array', 'uniqueItems': True, 'maxItems': 10, 'items': {'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, 'default': []}, rule='maxItems')
                        def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                        if data__render__downloads_len > len(set(fn(data__render__downloads_x) for data__render__downloads_x in data__render__downloads)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.downloads must contain unique items", value=data__render__downloads, name="" + (name_prefix or "data") + ".render.downloads", definition={'description': 'Files beside the README (written by `listbot export`) linked above the list, e.g. [papers.bib, papers.json].', 'type': 'array', 'uniqueItems': True, 'maxItems': 10, 'items': {'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, 'default': []}, rule='uniqueItems')
                        for data__render__downloads_x, data__render__downloads_item in enumerate(data__render__downloads):
                            if not isinstance(data__render__downloads_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.downloads[{data__render__downloads_x}]".format(**locals()) + " must be string", value=data__render__downloads_item, name="" + (name_prefix or "data") + ".render.downloads[{data__render__downloads_x}]".format(**locals()) + "", definition={'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, rule='type')
                            if isinstance(data__render__downloads_item, str):
                                data__render__downloads_item_len = len(data__render__downloads_item)
                                if data__render__downloads_item_len > 200:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.downloads[{data__render__downloads_x}]".format(**locals()) + " must be shorter than or equal to 200 characters", value=data__render__downloads_item, name="" + (name_prefix or "data") + ".render.downloads[{data__render__downloads_x}]".format(**locals()) + "", definition={'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, rule='maxLength')
                                if not REGEX_PATTERNS['^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'].search(data__render__downloads_item):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".render.downloads[{data__render__downloads_x}]".format(**locals()) + " must match pattern ^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$", value=data__render__downloads_item, name="" + (name_prefix or "data") + ".render.downloads[{data__render__downloads_x}]".format(**locals()) + "", definition={'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, rule='pattern')
                else: data__render["downloads"] = []
                if data__render_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".render must not contain "+str(data__render_keys)+" properties", value=data__render, name="" + (name_prefix or "data") + ".render", definition={'type': 'object', 'additionalProperties': False, 'properties': {'template': {'description': "How a paper's line starts; placeholders {title} {venue} {year} {yy} {authors}.", 'type': 'string', 'default': "{title} ({venue}'{yy})"}, 'links': {'description': 'Which links to show, in this order.', 'type': 'array', 'uniqueItems': True, 'items': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'default': ['paper', 'pdf', 'code', 'slides', 'video']}, 'toc': {'type': 'boolean', 'default': True}, 'counts': {'type': 'boolean', 'default': True}, 'heading_level': {'type': 'integer', 'minimum': 1, 'maximum': 4, 'default': 2}, 'downloads': {'description': 'Files beside the README (written by `listbot export`) linked above the list, e.g. [papers.bib, papers.json].', 'type': 'array', 'uniqueItems': True, 'maxItems': 10, 'items': {'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, 'default': []}}}, rule='additionalProperties')
        if "sort" in data_keys:
            data_keys.remove("sort")
            data__sort = data["sort"]
            if not isinstance(data__sort, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sort must be array", value=data__sort, name="" + (name_prefix or "data") + ".sort", definition={'description': 'Order of papers within a category.', 'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['year', '-year', 'venue', 'title']}, 'default': ['year', 'venue', 'title']}, rule='type')
            data__sort_is_list = isinstance(data__sort, (list, tuple))
            if data__sort_is_list:
                data__sort_len = len(data__sort)
                if data__sort_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sort must contain at least 1 items", value=data__sort, name="" + (name_prefix or "data") + ".sort", definition={'description': 'Order of papers within a category.', 'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['year', '-year', 'venue', 'title']}, 'default': ['year', 'venue', 'title']}, rule='minItems')
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                if data__sort_len > len(set(fn(data__sort_x) for data__sort_x in data__sort)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sort must contain unique items", value=data__sort, name="" + (name_prefix or "data") + ".sort", definition={'description': 'Order of papers within a category.', 'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['year', '-year', 'venue', 'title']}, 'default': ['year', 'venue', 'title']}, rule='uniqueItems')
                for data__sort_x, data__sort_item in enumerate(data__sort):
                    if not (isinstance(data__sort_item, str) and data__sort_item == 'year' or isinstance(data__sort_item, str) and data__sort_item == '-year' or isinstance(data__sort_item, str) and data__sort_item == 'venue' or isinstance(data__sort_item, str) and data__sort_item == 'title'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".sort[{data__sort_x}]".format(**locals()) + " must be one of ['year', '-year', 'venue', 'title']", value=data__sort_item, name="" + (name_prefix or "data") + ".sort[{data__sort_x}]".format(**locals()) + "", definition={'enum': ['year', '-year', 'venue', 'title']}, rule='enum')
        else: data["sort"] = ['year', 'venue', 'title']
        if "links" in data_keys:
            data_keys.remove("links")
            data__links = data["links"]
            if not isinstance(data__links, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links must be object", value=data__links, name="" + (name_prefix or "data") + ".links", definition={'type': 'object', 'additionalProperties': False, 'properties': {'timeout': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 120, 'default': 10}, 'retries': {'type': 'integer', 'minimum': 0, 'maximum': 10, 'default': 2}, 'concurrency': {'type': 'integer', 'minimum': 1, 'maximum': 256, 'default': 32}, 'per_host': {'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 1}, 'max_per_host': {'description': "Ceiling of a host's adaptive concurrency (it starts at per_host).", 'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 4}, 'accept': {'description': 'HTTP status codes counted as ok besides 2xx.', 'type': 'array', 'items': {'type': 'integer', 'minimum': 100, 'maximum': 599}, 'default': []}, 'exclude': {'description': 'Regular expressions; matching URLs are not checked.', 'type': 'array', 'items': {'type': 'string'}, 'default': []}, 'cache': {'type': 'string', 'default': '.listbot/links-cache.json'}, 'cache_max_age_days': {'type': 'number', 'minimum': 0, 'default': 7}, 'max_retry_after': {'type': 'number', 'minimum': 0, 'maximum': 600, 'default': 30}, 'allow_private': {'type': 'boolean', 'default': False}}}, rule='type')
            data__links_is_dict = isinstance(data__links, dict)
            if data__links_is_dict:
                data__links_keys = set(data__links.keys())
                if "timeout" in data__links_keys:
                    data__links_keys.remove("timeout")
                    data__links__timeout = data__links["timeout"]
                    if not isinstance(data__links__timeout, (int, float, Decimal)) or isinstance(data__links__timeout, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.timeout must be number", value=data__links__timeout, name="" + (name_prefix or "data") + ".links.timeout", definition={'type': 'number', 'exclusiveMinimum': 0, 'maximum': 120, 'default': 10}, rule='type')
                    if isinstance(data__links__timeout, (int, float, Decimal)) and not isinstance(data__links__timeout, bool):
                        if data__links__timeout > 120:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.timeout must be smaller than or equal to 120", value=data__links__timeout, name="" + (name_prefix or "data") + ".links.timeout", definition={'type': 'number', 'exclusiveMinimum': 0, 'maximum': 120, 'default': 10}, rule='maximum')
                        if data__links__timeout <= 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.timeout must be bigger than 0", value=data__links__timeout, name="" + (name_prefix or "data") + ".links.timeout", definition={'type': 'number', 'exclusiveMinimum': 0, 'maximum': 120, 'default': 10}, rule='exclusiveMinimum')
                else: data__links["timeout"] = 10
                if "retries" in data__links_keys:
                    data__links_keys.remove("retries")
                    data__links__retries = data__links["retries"]
                    if not isinstance(data__links__retries, (int)) and not (isinstance(data__links__retries, float) and data__links__retries.is_integer()) or isinstance(data__links__retries, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.retries must be integer", value=data__links__retries, name="" + (name_prefix or "data") + ".links.retries", definition={'type': 'integer', 'minimum': 0, 'maximum': 10, 'default': 2}, rule='type')
                    if isinstance(data__links__retries, (int, float, Decimal)) and not isinstance(data__links__retries, bool):
                        if data__links__retries < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.retries must be bigger than or equal to 0", value=data__links__retries, name="" + (name_prefix or "data") + ".links.retries", definition={'type': 'integer', 'minimum': 0, 'maximum': 10, 'default': 2}, rule='minimum')
                        if data__links__retries > 10:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.retries must be smaller than or equal to 10", value=data__links__retries, name="" + (name_prefix or "data") + ".links.retries", definition={'type': 'integer', 'minimum': 0, 'maximum': 10, 'default': 2}, rule='maximum')
                else: data__links["retries"] = 2
                if "concurrency" in data__links_keys:
                    data__links_keys.remove("concurrency")
                    data__links__concurrency = data__links["concurrency"]
                    if not isinstance(data__links__concurrency, (int)) and not (isinstance(data__links__concurrency, float) and data__links__concurrency.is_integer()) or isinstance(data__links__concurrency, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.concurrency must be integer", value=data__links__concurrency, name="" + (name_prefix or "data") + ".links.concurrency", definition={'type': 'integer', 'minimum': 1, 'maximum': 256, 'default': 32}, rule='type')
                    if isinstance(data__links__concurrency, (int, float, Decimal)) and not isinstance(data__links__concurrency, bool):
                        if data__links__concurrency < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.concurrency must be bigger than or equal to 1", value=data__links__concurrency, name="" + (name_prefix or "data") + ".links.concurrency", definition={'type': 'integer', 'minimum': 1, 'maximum': 256, 'default': 32}, rule='minimum')
                        if data__links__concurrency > 256:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.concurrency must be smaller than or equal to 256", value=data__links__concurrency, name="" + (name_prefix or "data") + ".links.concurrency", definition={'type': 'integer', 'minimum': 1, 'maximum': 256, 'default': 32}, rule='maximum')
                else: data__links["concurrency"] = 32
                if "per_host" in data__links_keys:
                    data__links_keys.remove("per_host")
                    data__links__perhost = data__links["per_host"]
                    if not isinstance(data__links__perhost, (int)) and not (isinstance(data__links__perhost, float) and data__links__perhost.is_integer()) or isinstance(data__links__perhost, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.per_host must be integer", value=data__links__perhost, name="" + (name_prefix or "data") + ".links.per_host", definition={'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 1}, rule='type')
                    if isinstance(data__links__perhost, (int, float, Decimal)) and not isinstance(data__links__perhost, bool):
                        if data__links__perhost < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.per_host must be bigger than or equal to 1", value=data__links__perhost, name="" + (name_prefix or "data") + ".links.per_host", definition={'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 1}, rule='minimum')
                        if data__links__perhost > 32:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.per_host must be smaller than or equal to 32", value=data__links__perhost, name="" + (name_prefix or "data") + ".links.per_host", definition={'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 1}, rule='maximum')
                else: data__links["per_host"] = 1
                if "max_per_host" in data__links_keys:
                    data__links_keys.remove("max_per_host")
                    data__links__maxperhost = data__links["max_per_host"]
                    if not isinstance(data__links__maxperhost, (int)) and not (isinstance(data__links__maxperhost, float) and data__links__maxperhost.is_integer()) or isinstance(data__links__maxperhost, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.max_per_host must be integer", value=data__links__maxperhost, name="" + (name_prefix or "data") + ".links.max_per_host", definition={'description': "Ceiling of a host's adaptive concurrency (it starts at per_host).", 'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 4}, rule='type')
                    if isinstance(data__links__maxperhost, (int, float, Decimal)) and not isinstance(data__links__maxperhost, bool):
                        if data__links__maxperhost < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.max_per_host must be bigger than or equal to 1", value=data__links__maxperhost, name="" + (name_prefix or "data") + ".links.max_per_host", definition={'description': "Ceiling of a host's adaptive concurrency (it starts at per_host).", 'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 4}, rule='minimum')
                        if data__links__maxperhost > 32:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.max_per_host must be smaller than or equal to 32", value=data__links__maxperhost, name="" + (name_prefix or "data") + ".links.max_per_host", definition={'description': "Ceiling of a host's adaptive concurrency (it starts at per_host).", 'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 4}, rule='maximum')
                else: data__links["max_per_host"] = 4
                if "accept" in data__links_keys:
                    data__links_keys.remove("accept")
                    data__links__accept = data__links["accept"]
                    if not isinstance(data__links__accept, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.accept must be array", value=data__links__accept, name="" + (name_prefix or "data") + ".links.accept", definition={'description': 'HTTP status codes counted as ok besides 2xx.', 'type': 'array', 'items': {'type': 'integer', 'minimum': 100, 'maximum': 599}, 'default': []}, rule='type')
                    data__links__accept_is_list = isinstance(data__links__accept, (list, tuple))
                    if data__links__accept_is_list:
                        data__links__accept_len = len(data__links__accept)
                        for data__links__accept_x, data__links__accept_item in enumerate(data__links__accept):
                            if not isinstance(data__links__accept_item, (int)) and not (isinstance(data__links__accept_item, float) and data__links__accept_item.is_integer()) or isinstance(data__links__accept_item, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.accept[{data__links__accept_x}]".format(**locals()) + " must be integer", value=data__links__accept_item, name="" + (name_prefix or "data") + ".links.accept[{data__links__accept_x}]".format(**locals()) + "", definition={'type': 'integer', 'minimum': 100, 'maximum': 599}, rule='type')
                            if isinstance(data__links__accept_item, (int, float, Decimal)) and not isinstance(data__links__accept_item, bool):
                                if data__links__accept_item < 100:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.accept[{data__links__accept_x}]".format(**locals()) + " must be bigger than or equal to 100", value=data__links__accept_item, name="" + (name_prefix or "data") + ".links.accept[{data__links__accept_x}]".format(**locals()) + "", definition={'type': 'integer', 'minimum': 100, 'maximum': 599}, rule='minimum')
                                if data__links__accept_item > 599:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.accept[{data__links__accept_x}]".format(**locals()) + " must be smaller than or equal to 599", value=data__links__accept_item, name="" + (name_prefix or "data") + ".links.accept[{data__links__accept_x}]".format(**locals()) + "", definition={'type': 'integer', 'minimum': 100, 'maximum': 599}, rule='maximum')
                else: data__links["accept"] = []
                if "exclude" in data__links_keys:
                    data__links_keys.remove("exclude")
                    data__links__exclude = data__links["exclude"]
                    if not isinstance(data__links__exclude, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.exclude must be array", value=data__links__exclude, name="" + (name_prefix or "data") + ".links.exclude", definition={'description': 'Regular expressions; matching URLs are not checked.', 'type': 'array', 'items': {'type': 'string'}, 'default': []}, rule='type')
                    data__links__exclude_is_list = isinstance(data__links__exclude, (list, tuple))
                    if data__links__exclude_is_list:
                        data__links__exclude_len = len(data__links__exclude)
                        for data__links__exclude_x, data__links__exclude_item in enumerate(data__links__exclude):
                            if not isinstance(data__links__exclude_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.exclude[{data__links__exclude_x}]".format(**locals()) + " must be string", value=data__links__exclude_item, name="" + (name_prefix or "data") + ".links.exclude[{data__links__exclude_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                else: data__links["exclude"] = []
                if "cache" in data__links_keys:
                    data__links_keys.remove("cache")
                    data__links__cache = data__links["cache"]
                    if not isinstance(data__links__cache, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.cache must be string", value=data__links__cache, name="" + (name_prefix or "data") + ".links.cache", definition={'type': 'string', 'default': '.listbot/links-cache.json'}, rule='type')
                else: data__links["cache"] = '.listbot/links-cache.json'
                if "cache_max_age_days" in data__links_keys:
                    data__links_keys.remove("cache_max_age_days")
                    data__links__cachemaxagedays = data__links["cache_max_age_days"]
                    if not isinstance(data__links__cachemaxagedays, (int, float, Decimal)) or isinstance(data__links__cachemaxagedays, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.cache_max_age_days must be number", value=data__links__cachemaxagedays, name="" + (name_prefix or "data") + ".links.cache_max_age_days", definition={'type': 'number', 'minimum': 0, 'default': 7}, rule='type')
                    if isinstance(data__links__cachemaxagedays, (int, float, Decimal)) and not isinstance(data__links__cachemaxagedays, bool):
                        if data__links__cachemaxagedays < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.cache_max_age_days must be bigger than or equal to 0", value=data__links__cachemaxagedays, name="" + (name_prefix or "data") + ".links.cache_max_age_days", definition={'type': 'number', 'minimum': 0, 'default': 7}, rule='minimum')
                else: data__links["cache_max_age_days"] = 7
                if "max_retry_after" in data__links_keys:
                    data__links_keys.remove("max_retry_after")
                    data__links__maxretryafter = data__links["max_retry_after"]
                    if not isinstance(data__links__maxretryafter, (int, float, Decimal)) or isinstance(data__links__maxretryafter, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.max_retry_after must be number", value=data__links__maxretryafter, name="" + (name_prefix or "data") + ".links.max_retry_after", definition={'type': 'number', 'minimum': 0, 'maximum': 600, 'default': 30}, rule='type')
                    if isinstance(data__links__maxretryafter, (int, float, Decimal)) and not isinstance(data__links__maxretryafter, bool):
                        if data__links__maxretryafter < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.max_retry_after must be bigger than or equal to 0", value=data__links__maxretryafter, name="" + (name_prefix or "data") + ".links.max_retry_after", definition={'type': 'number', 'minimum': 0, 'maximum': 600, 'default': 30}, rule='minimum')
                        if data__links__maxretryafter > 600:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.max_retry_after must be smaller than or equal to 600", value=data__links__maxretryafter, name="" + (name_prefix or "data") + ".links.max_retry_after", definition={'type': 'number', 'minimum': 0, 'maximum': 600, 'default': 30}, rule='maximum')
                else: data__links["max_retry_after"] = 30
                if "allow_private" in data__links_keys:
                    data__links_keys.remove("allow_private")
                    data__links__allowprivate = data__links["allow_private"]
                    if not isinstance(data__links__allowprivate, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links.allow_private must be boolean", value=data__links__allowprivate, name="" + (name_prefix or "data") + ".links.allow_private", definition={'type': 'boolean', 'default': False}, rule='type')
                else: data__links["allow_private"] = False
                if data__links_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".links must not contain "+str(data__links_keys)+" properties", value=data__links, name="" + (name_prefix or "data") + ".links", definition={'type': 'object', 'additionalProperties': False, 'properties': {'timeout': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 120, 'default': 10}, 'retries': {'type': 'integer', 'minimum': 0, 'maximum': 10, 'default': 2}, 'concurrency': {'type': 'integer', 'minimum': 1, 'maximum': 256, 'default': 32}, 'per_host': {'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 1}, 'max_per_host': {'description': "Ceiling of a host's adaptive concurrency (it starts at per_host).", 'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 4}, 'accept': {'description': 'HTTP status codes counted as ok besides 2xx.', 'type': 'array', 'items': {'type': 'integer', 'minimum': 100, 'maximum': 599}, 'default': []}, 'exclude': {'description': 'Regular expressions; matching URLs are not checked.', 'type': 'array', 'items': {'type': 'string'}, 'default': []}, 'cache': {'type': 'string', 'default': '.listbot/links-cache.json'}, 'cache_max_age_days': {'type': 'number', 'minimum': 0, 'default': 7}, 'max_retry_after': {'type': 'number', 'minimum': 0, 'maximum': 600, 'default': 30}, 'allow_private': {'type': 'boolean', 'default': False}}}, rule='additionalProperties')
        if "bot" in data_keys:
            data_keys.remove("bot")
            data__bot = data["bot"]
            if not isinstance(data__bot, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bot must be object", value=data__bot, name="" + (name_prefix or "data") + ".bot", definition={'type': 'object', 'additionalProperties': False, 'properties': {'comment_title': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'labels': {'type': 'object', 'additionalProperties': False, 'properties': {'new_paper': {'type': 'string', 'default': 'new-paper'}, 'needs_changes': {'type': 'string', 'default': 'needs-changes'}, 'link_rot': {'type': 'string', 'default': 'link-rot'}}}}}, rule='type')
            data__bot_is_dict = isinstance(data__bot, dict)
            if data__bot_is_dict:
                data__bot_keys = set(data__bot.keys())
                if "comment_title" in data__bot_keys:
                    data__bot_keys.remove("comment_title")
                    data__bot__commenttitle = data__bot["comment_title"]
                    validate_https___listbot_dev_schema_config_schema_json___defs_line(data__bot__commenttitle, custom_formats, (name_prefix or "data") + ".bot.comment_title")
                else: data__bot["comment_title"] = 'listbot report'
                if "labels" in data__bot_keys:
                    data__bot_keys.remove("labels")
                    data__bot__labels = data__bot["labels"]
                    if not isinstance(data__bot__labels, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".bot.labels must be object", value=data__bot__labels, name="" + (name_prefix or "data") + ".bot.labels", definition={'type': 'object', 'additionalProperties': False, 'properties': {'new_paper': {'type': 'string', 'default': 'new-paper'}, 'needs_changes': {'type': 'string', 'default': 'needs-changes'}, 'link_rot': {'type': 'string', 'default': 'link-rot'}}}, rule='type')
                    data__bot__labels_is_dict = isinstance(data__bot__labels, dict)
                    if data__bot__labels_is_dict:
                        data__bot__labels_keys = set(data__bot__labels.keys())
                        if "new_paper" in data__bot__labels_keys:
                            data__bot__labels_keys.remove("new_paper")
                            data__bot__labels__newpaper = data__bot__labels["new_paper"]
                            if not isinstance(data__bot__labels__newpaper, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bot.labels.new_paper must be string", value=data__bot__labels__newpaper, name="" + (name_prefix or "data") + ".bot.labels.new_paper", definition={'type': 'string', 'default': 'new-paper'}, rule='type')
                        else: data__bot__labels["new_paper"] = 'new-paper'
                        if "needs_changes" in data__bot__labels_keys:
                            data__bot__labels_keys.remove("needs_changes")
                            data__bot__labels__needschanges = data__bot__labels["needs_changes"]
                            if not isinstance(data__bot__labels__needschanges, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bot.labels.needs_changes must be string", value=data__bot__labels__needschanges, name="" + (name_prefix or "data") + ".bot.labels.needs_changes", definition={'type': 'string', 'default': 'needs-changes'}, rule='type')
                        else: data__bot__labels["needs_changes"] = 'needs-changes'
                        if "link_rot" in data__bot__labels_keys:
                            data__bot__labels_keys.remove("link_rot")
                            data__bot__labels__linkrot = data__bot__labels["link_rot"]
                            if not isinstance(data__bot__labels__linkrot, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bot.labels.link_rot must be string", value=data__bot__labels__linkrot, name="" + (name_prefix or "data") + ".bot.labels.link_rot", definition={'type': 'string', 'default': 'link-rot'}, rule='type')
                        else: data__bot__labels["link_rot"] = 'link-rot'
                        if data__bot__labels_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".bot.labels must not contain "+str(data__bot__labels_keys)+" properties", value=data__bot__labels, name="" + (name_prefix or "data") + ".bot.labels", definition={'type': 'object', 'additionalProperties': False, 'properties': {'new_paper': {'type': 'string', 'default': 'new-paper'}, 'needs_changes': {'type': 'string', 'default': 'needs-changes'}, 'link_rot': {'type': 'string', 'default': 'link-rot'}}}, rule='additionalProperties')
                if data__bot_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".bot must not contain "+str(data__bot_keys)+" properties", value=data__bot, name="" + (name_prefix or "data") + ".bot", definition={'type': 'object', 'additionalProperties': False, 'properties': {'comment_title': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'labels': {'type': 'object', 'additionalProperties': False, 'properties': {'new_paper': {'type': 'string', 'default': 'new-paper'}, 'needs_changes': {'type': 'string', 'default': 'needs-changes'}, 'link_rot': {'type': 'string', 'default': 'link-rot'}}}}}, rule='additionalProperties')
        if "metadata" in data_keys:
            data_keys.remove("metadata")
            data__metadata = data["metadata"]
            if not isinstance(data__metadata, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".metadata must be object", value=data__metadata, name="" + (name_prefix or "data") + ".metadata", definition={'type': 'object', 'additionalProperties': False, 'properties': {'contact': {'description': "Email for Crossref's polite pool.", 'type': 'string'}}}, rule='type')
            data__metadata_is_dict = isinstance(data__metadata, dict)
            if data__metadata_is_dict:
                data__metadata_keys = set(data__metadata.keys())
                if "contact" in data__metadata_keys:
                    data__metadata_keys.remove("contact")
                    data__metadata__contact = data__metadata["contact"]
                    if not isinstance(data__metadata__contact, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".metadata.contact must be string", value=data__metadata__contact, name="" + (name_prefix or "data") + ".metadata.contact", definition={'description': "Email for Crossref's polite pool.", 'type': 'string'}, rule='type')
                if data__metadata_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".metadata must not contain "+str(data__metadata_keys)+" properties", value=data__metadata, name="" + (name_prefix or "data") + ".metadata", definition={'type': 'object', 'additionalProperties': False, 'properties': {'contact': {'description': "Email for Crossref's polite pool.", 'type': 'string'}}}, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'https://listbot.dev/schema/config.schema.json', 'title': 'listbot.yml', 'description': 'Configuration of a listbot paper list. Only `categories` is required.', 'type': 'object', 'required': ['categories'], 'additionalProperties': False, '$defs': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'line': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'category': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'description': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'children': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}}}}, 'properties': {'$schema': {'type': 'string'}, 'title': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'entries': {'description': 'Folder of entry files.', 'type': 'string', 'default': 'entries'}, 'readme': {'description': 'File whose marked region is rendered.', 'type': 'string', 'default': 'README.md'}, 'categories': {'description': 'The category tree in display order.', 'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}, 'builtin_venues': {'description': "Whether the built-in venue table extends the list's own venues (default true). false: only the venues listed here are known.", 'type': 'boolean'}, 'venues': {'description': 'Venue keys in display order, with full names and aliases. They extend a built-in table (see builtin_venues).', 'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z][A-Za-z0-9&+-]*$', 'maxLength': 40}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'additionalProperties': False, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'aliases': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'uniqueItems': True}}}}, 'render': {'type': 'object', 'additionalProperties': False, 'properties': {'template': {'description': "How a paper's line starts; placeholders {title} {venue} {year} {yy} {authors}.", 'type': 'string', 'default': "{title} ({venue}'{yy})"}, 'links': {'description': 'Which links to show, in this order.', 'type': 'array', 'uniqueItems': True, 'items': {'enum': ['paper', 'pdf', 'code', 'slides', 'video']}, 'default': ['paper', 'pdf', 'code', 'slides', 'video']}, 'toc': {'type': 'boolean', 'default': True}, 'counts': {'type': 'boolean', 'default': True}, 'heading_level': {'type': 'integer', 'minimum': 1, 'maximum': 4, 'default': 2}, 'downloads': {'description': 'Files beside the README (written by `listbot export`) linked above the list, e.g. [papers.bib, papers.json].', 'type': 'array', 'uniqueItems': True, 'maxItems': 10, 'items': {'type': 'string', 'maxLength': 200, 'pattern': '^(?!/)(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$'}, 'default': []}}}, 'sort': {'description': 'Order of papers within a category.', 'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['year', '-year', 'venue', 'title']}, 'default': ['year', 'venue', 'title']}, 'links': {'type': 'object', 'additionalProperties': False, 'properties': {'timeout': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 120, 'default': 10}, 'retries': {'type': 'integer', 'minimum': 0, 'maximum': 10, 'default': 2}, 'concurrency': {'type': 'integer', 'minimum': 1, 'maximum': 256, 'default': 32}, 'per_host': {'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 1}, 'max_per_host': {'description': "Ceiling of a host's adaptive concurrency (it starts at per_host).", 'type': 'integer', 'minimum': 1, 'maximum': 32, 'default': 4}, 'accept': {'description': 'HTTP status codes counted as ok besides 2xx.', 'type': 'array', 'items': {'type': 'integer', 'minimum': 100, 'maximum': 599}, 'default': []}, 'exclude': {'description': 'Regular expressions; matching URLs are not checked.', 'type': 'array', 'items': {'type': 'string'}, 'default': []}, 'cache': {'type': 'string', 'default': '.listbot/links-cache.json'}, 'cache_max_age_days': {'type': 'number', 'minimum': 0, 'default': 7}, 'max_retry_after': {'type': 'number', 'minimum': 0, 'maximum': 600, 'default': 30}, 'allow_private': {'type': 'boolean', 'default': False}}}, 'bot': {'type': 'object', 'additionalProperties': False, 'properties': {'comment_title': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'labels': {'type': 'object', 'additionalProperties': False, 'properties': {'new_paper': {'type': 'string', 'default': 'new-paper'}, 'needs_changes': {'type': 'string', 'default': 'needs-changes'}, 'link_rot': {'type': 'string', 'default': 'link-rot'}}}}}, 'metadata': {'type': 'object', 'additionalProperties': False, 'properties': {'contact': {'description': "Email for Crossref's polite pool.", 'type': 'string'}}}}}, rule='additionalProperties')
    return data

def validate_https___listbot_dev_schema_config_schema_json___defs_category(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'description': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'children': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'name']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'description': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'children': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}}}, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate_https___listbot_dev_schema_config_schema_json___defs_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate_https___listbot_dev_schema_config_schema_json___defs_line(data__name, custom_formats, (name_prefix or "data") + ".name")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            validate_https___listbot_dev_schema_config_schema_json___defs_line(data__description, custom_formats, (name_prefix or "data") + ".description")
        if "children" in data_keys:
            data_keys.remove("children")
            data__children = data["children"]
            if not isinstance(data__children, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".children must be array", value=data__children, name="" + (name_prefix or "data") + ".children", definition={'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}, rule='type')
            data__children_is_list = isinstance(data__children, (list, tuple))
            if data__children_is_list:
                data__children_len = len(data__children)
                for data__children_x, data__children_item in enumerate(data__children):
                    validate_https___listbot_dev_schema_config_schema_json___defs_category(data__children_item, custom_formats, (name_prefix or "data") + ".children[{data__children_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, 'name': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'description': {'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, 'children': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name'], 'additionalProperties': False, 'properties': {'id': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/id'}, 'name': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'description': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/line'}, 'children': {'type': 'array', 'items': {'$ref': 'https://listbot.dev/schema/config.schema.json#/$defs/category'}}}}}}}, rule='additionalProperties')
    return data

def validate_https___listbot_dev_schema_config_schema_json___defs_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[a-z0-9]+(?:-[a-z0-9]+)*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z0-9]+(?:-[a-z0-9]+)*$'}, rule='pattern')
    return data

def validate_https___listbot_dev_schema_config_schema_json___defs_line(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, rule='minLength')
        if data_len > 300:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 300 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, rule='maxLength')
        if not REGEX_PATTERNS['^[^\\r\\n]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\\r\\n]*$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 300, 'pattern': '^[^\\r\\n]*$'}, rule='pattern')
    return data

SCHEMA_SHA256 = '82c3c91ea546ba95bf6240742f3cdd4b8e723a66fdd7de205499516fc6af5cf7'
validate = validate_https___listbot_dev_schema_config_schema_json
