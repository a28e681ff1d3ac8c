"""One table of place names for models and maps: provinces, cities, ports, groups, countries."""

from __future__ import annotations

from haisi.reference.places import (
    PROVINCES,
    agency_zh,
    city_of_port,
    label_violations,
    listed_names,
    map_port,
    place_names,
)


def test_every_kind_of_code_has_its_names() -> None:
    assert place_names("CN-FJ") == ("福建省", "Fujian")
    assert place_names("CN-FZ") == ("福州", "Fuzhou")
    assert place_names("TWN") == ("中国台湾", "Taiwan, China")  # the override table
    assert place_names("HKG")[0] == "中国香港" and place_names("MAC")[0] == "中国澳门"
    assert place_names("ASEAN") == ("东盟", "ASEAN")
    assert place_names("WLD") == place_names("W00") == ("全球", "World")
    assert place_names("ALL") == ("全部客源地", "all origins")
    assert place_names("CNFOC")[1].startswith("Fuzhou")
    assert place_names("XXXXX") == ("XXXXX", "XXXXX")


def test_provinces_and_map_ports() -> None:
    assert len(PROVINCES) == 31 and "CN-FZ" not in PROVINCES
    assert map_port("CN-FJ") == map_port("CN-FZ") == "CNFOC"
    assert map_port("CN-GD") is None and map_port("USA") is None
    assert city_of_port("CNFOC") == "CN-FZ" and city_of_port("SGSIN") is None


def test_authorities_of_taiwan_hong_kong_macao_take_the_override_prefix() -> None:
    assert agency_zh("TWN", "交通部航港局") == "台湾地区交通部航港局"
    assert agency_zh("TWN", "台湾地区交通部航港局") == "台湾地区交通部航港局"  # once only
    assert agency_zh("HKG", "政府统计处") == "中国香港特别行政区政府统计处"
    assert agency_zh("SGP", "新加坡统计局") == "新加坡统计局" and agency_zh("", "x") == "x"
    assert label_violations(agency_zh("TWN", "大陆委员会")) == []
    assert label_violations("大陆委员会") and label_violations("台湾财政部关务署")
    assert label_violations("中華民國交通部") and label_violations("香港、澳门")


def test_china_beside_taiwan_hong_kong_or_macao_is_the_mainland() -> None:
    assert place_names("CHN") == ("中国", "China")
    assert (
        place_names("CHN", "TWN") == place_names("CHN", "MAC") == ("中国大陆", "Chinese mainland")
    )
    assert (
        place_names("CHN", "USA") == ("中国", "China")
        and place_names("TWN", "CHN")[0] == "中国台湾"
    )
    listed = listed_names(["CHN", "MYS", "USA", "HKG"])
    assert [zh for zh, _ in listed.values()] == ["中国大陆", "马来西亚", "美国", "中国香港"]
    assert listed_names(["CHN", "USA"])["CHN"] == ("中国", "China")
