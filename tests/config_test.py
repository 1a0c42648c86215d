from __future__ import annotations

from pathlib import Path

import pytest

from listbot.config import DEFAULT_VENUES, build_config, find_config, load_config
from listbot.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "listbot.yml"
    path.write_text(text)
    return path


def test_only_categories_are_required(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "categories:\n  - id: training\n    name: Training\n"))
    assert [c.id for c in config.categories] == ["training"]
    assert [v.key for v in config.venues] == list(DEFAULT_VENUES)
    assert config.render.template == "{title} ({venue}'{yy})"
    assert config.links.per_host == 1
    assert config.links.cache == ".listbot/links-cache.json"
    assert config.bot.label_new_paper == "new-paper"
    assert config.root == tmp_path


def test_category_tree_is_flattened_in_display_order(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "categories:\n"
            "  - id: dl\n    name: Deep Learning\n    children:\n"
            "      - id: training\n        name: Training\n"
            "  - id: cluster\n    name: Cluster\n",
        )
    )
    assert [(c.id, c.depth, c.parent) for c in config.categories] == [
        ("dl", 0, None),
        ("training", 1, "dl"),
        ("cluster", 0, None),
    ]
    assert [c.id for c in config.children("dl")] == ["training"]


def test_venue_aliases_fold_case_and_spacing() -> None:
    config = build_config({"categories": [{"id": "x", "name": "X"}]})
    assert config.normalize_venue("EUROSYS") == "EuroSys"
    assert config.normalize_venue("usenix atc") == "ATC"
    assert config.normalize_venue("NeuralPS") == "NeurIPS"
    assert config.normalize_venue("Nowhere") is None
    assert config.suggest_venue("OSID") == "OSDI"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\n", "LB102 missing required key 'categories'"),
        ("categories: []\n", "LB104"),
        ("categories:\n  - id: Bad Id\n    name: X\n", "listbot.yml:2:9: LB104"),
        (
            "categories:\n  - id: a\n    name: A\nvenus: {}\n",
            "LB101 unknown key 'venus' (did you mean 'venues'?)",
        ),
        (
            "categories:\n  - id: a\n    name: A\n  - id: a\n    name: B\n",
            "listbot.yml:4:9: LB901 category id 'a' is used twice",
        ),
        (
            "categories:\n  - id: a\n    name: A\n"
            "venues:\n  ATC: {name: X, aliases: [OSDI]}\n  OSDI: {name: Y}\n",
            "LB901 venue name 'OSDI' of 'OSDI' is already a name of 'ATC'",
        ),
        (
            "categories:\n  - id: a\n    name: A\nlinks:\n  exclude: ['(']\n",
            "listbot.yml:5:13: LB901 links.exclude",
        ),
        ("categories: [\n", "LB004"),
        ("- a\n", "must be a mapping"),
    ],
)
def test_bad_configuration_names_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert any(expected in line for line in caught.value.lines), caught.value.lines
    assert all(str(tmp_path / "listbot.yml") in line for line in caught.value.lines)


def test_find_config_walks_up(tmp_path: Path) -> None:
    write(tmp_path, "categories: [{id: a, name: A}]\n")
    deep = tmp_path / "entries" / "sub"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "listbot.yml"


def test_this_lists_config_is_valid_and_has_the_seed_venues() -> None:
    config = load_config(ROOT / "listbot.yml")
    keys = [v.key for v in config.venues]
    seed_order = ["NSDI", "ASPLOS", "EuroSys", "ISCA", "ATC", "OSDI", "SOSP", "SoCC", "NeurIPS"]
    assert [k for k in keys if k in seed_order] == seed_order
    assert [c.id for c in config.categories if c.depth == 0] == [
        "deep-learning",
        "traditional-ml",
        "cluster-management",
    ]
    assert config.normalize_venue("EUROSYS") == "EuroSys"
    assert config.normalize_venue("NeuralPS") == "NeurIPS"
    assert config.normalize_venue("USENIX ATC") == "ATC"


def test_a_lists_own_venues_extend_the_built_in_table(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "categories:\n  - id: t\n    name: T\n"
            "venues:\n"
            "  HotCloud:\n    name: USENIX Workshop on Hot Topics in Cloud Computing\n"
            "  Eurosys:\n    name: EuroSys, spelled our way\n",
        )
    )
    keys = [v.key for v in config.venues]
    assert keys[:2] == ["HotCloud", "Eurosys"]  # the list's own first, in its order
    for key in ("OSDI", "SOSP", "NeurIPS"):  # still known after adding HotCloud
        assert config.normalize_venue(key) == key
    assert config.normalize_venue("NIPS") == "NeurIPS"
    # The list's spelling replaces the built-in venue it names (by an alias: EuroSys).
    assert "EuroSys" not in keys
    assert config.normalize_venue("EUROSYS") == "Eurosys"


def test_builtin_venues_false_keeps_only_the_lists_own(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "categories:\n  - id: t\n    name: T\nbuiltin_venues: false\n"
            "venues:\n  HotCloud:\n    name: USENIX HotCloud\n",
        )
    )
    assert [v.key for v in config.venues] == ["HotCloud"]
    assert config.normalize_venue("OSDI") is None


def test_link_settings_are_declared_once() -> None:
    """LinkSettings is the declaration; the schema's defaults and the engine's agree with it."""
    import dataclasses

    from listbot.config import LinkSettings
    from listbot.links.check import Policy
    from listbot.schemacheck import load_schema

    declared = dataclasses.asdict(LinkSettings())
    properties = load_schema("config")["properties"]["links"]["properties"]
    assert set(properties) == set(declared)
    for name, spec in properties.items():
        default = spec["default"]
        assert (tuple(default) if isinstance(default, list) else default) == declared[name], name
    policy = Policy()
    shared = set(declared) & {f.name for f in dataclasses.fields(Policy)} - {"exclude"}
    assert len(shared) == 8  # the seven settings the engine takes, and allow_private
    for name in shared:
        assert getattr(policy, name) == declared[name], name
