"""A folder import reads below the import root only: path tricks are refused."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kuaibao.jobs.folders import read_inside, resolve_folder, subfolders
from kuaibao.newsroom.actions.base import ActionError


def test_relative_folder_resolves_inside_the_root(inbox: Path) -> None:
    assert resolve_folder("2023") == ((inbox / "2023").resolve(), "2023")
    assert resolve_folder(" 2023/ ") == ((inbox / "2023").resolve(), "2023")


def test_empty_path_means_the_whole_root(inbox: Path) -> None:
    assert resolve_folder("") == (inbox.resolve(), ".")


def test_absolute_path_inside_the_root_is_accepted(inbox: Path) -> None:
    assert resolve_folder(str(inbox / "2023"))[1] == "2023"


@pytest.mark.parametrize(
    "trick",
    ["..", "../", "2023/../..", "2023/../../etc", "..\\..\\etc", "/etc", "/", "/var", "~/", "2023\x00/x"],
)
def test_path_tricks_are_refused(inbox: Path, trick: str) -> None:
    with pytest.raises(ActionError):
        resolve_folder(trick)


def test_dot_dot_is_refused_even_when_it_would_land_inside(inbox: Path) -> None:
    with pytest.raises(ActionError, match=r"\.\."):
        resolve_folder("2023/../empty")


def test_absolute_path_elsewhere_is_refused(inbox: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with pytest.raises(ActionError, match="之内"):
        resolve_folder(str(elsewhere))


def test_symlink_out_of_the_root_is_refused(inbox: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (inbox / "link").symlink_to(secret, target_is_directory=True)
    with pytest.raises(ActionError, match="之内"):
        resolve_folder("link")


def test_symlink_within_the_root_is_followed(inbox: Path) -> None:
    (inbox / "alias").symlink_to(inbox / "2023", target_is_directory=True)
    assert resolve_folder("alias")[1] == "2023"


def test_missing_folder_and_file_are_refused(inbox: Path) -> None:
    with pytest.raises(ActionError, match="不存在"):
        resolve_folder("2024")
    with pytest.raises(ActionError, match="不是文件夹"):
        resolve_folder("2023/说明.txt")


def test_missing_root_says_so(settings: Any, tmp_path: Path) -> None:
    settings.IMPORT_ROOT = tmp_path / "nowhere"
    with pytest.raises(ActionError, match="导入目录"):
        resolve_folder("")


def test_reading_refuses_a_file_swapped_for_a_symlink(inbox: Path, tmp_path: Path) -> None:
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0", encoding="utf-8")
    link = inbox / "2023" / "swapped.txt"
    link.symlink_to(outside)
    with pytest.raises(ActionError):
        read_inside(link, inbox.resolve(), 1000)
    inside_link = inbox / "2023" / "inside-link.txt"
    inside_link.symlink_to(inbox / "2023" / "说明.txt")
    with pytest.raises(OSError):
        read_inside(inside_link, inbox.resolve(), 1000)


def test_reading_refuses_oversized_files(inbox: Path) -> None:
    with pytest.raises(ActionError, match="过大"):
        read_inside(inbox / "2023" / "说明.txt", inbox.resolve(), 5)


def test_suggestions_list_folders_not_links(inbox: Path, tmp_path: Path) -> None:
    (inbox / "2023" / "上半年").mkdir()
    os.symlink(tmp_path, inbox / "out")
    assert subfolders() == ["2023", "2023/上半年", "empty"]
