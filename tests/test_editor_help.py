"""Editor help: options before or after the command, "did you mean" for a link to an unknown id,
template leftovers found at their line and column (outside code)."""

from __future__ import annotations

from almanac_build.checks.views.templates import template_leftovers
from almanac_build.source.references import nearest_id
from conftest import SAMPLE, run_cli


def test_source_and_output_work_after_the_command(tmp_path):
    after = run_cli("build", "--source", str(SAMPLE), "--output", str(tmp_path / "a"), "--format", "docx")
    assert after.returncode == 0, after.stderr
    assert (tmp_path / "a" / "almanac.docx").is_file()
    before = run_cli("--source", str(SAMPLE), "--output", str(tmp_path / "b"), "validate-source")
    assert before.returncode == 0 and "The source is valid" in before.stdout
    missing = run_cli("validate-source", "--source", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "nowhere" in missing.stderr and "Traceback" not in missing.stderr


def test_after_the_command_wins_over_before(tmp_path):
    run = run_cli("--source", str(tmp_path / "nowhere"), "validate-source", "--source", str(SAMPLE))
    assert run.returncode == 0, run.stderr


def test_an_unknown_link_target_suggests_the_nearest_heading_id(sample_copy, tmp_path):
    chapter = (SAMPLE / "chapters" / "03-data.md").read_text(encoding="utf-8")
    source = sample_copy({"chapters/03-data.md": chapter + "\nSee [what we mean](#data-what-we-mean-by-dta).\n"
                                                           "And [the meaning](#what-we-mean-by-data).\n"})
    run = run_cli("--source", str(source), "validate-source")
    assert run.returncode == 2
    lines = [line for line in run.stderr.splitlines() if "goes to no chapter" in line]
    assert len(lines) == 2
    assert all("did you mean '#data-what-we-mean-by-data'?" in line for line in lines), lines
    assert all("03-data.md:" in line for line in lines)


def test_nearest_id_prefers_the_chapter_prefixed_heading_and_gives_up_when_nothing_is_near():
    ids = ["data", "data-what-we-mean-by-data", "connectivity-what-we-mean-by-connectivity"]
    assert nearest_id("what-we-mean-by-data", ids) == "data-what-we-mean-by-data"
    assert nearest_id("conectivity", ["connectivity", "data"]) == "connectivity"
    assert nearest_id("zzzz", ids) == ""


def test_template_leftovers_are_found_at_their_column_outside_code(tmp_path):
    path = tmp_path / "chapter.md"
    path.write_text("Dear {{ name }},\n\nUse `{{ kept }}` here.\n\n```\n{% for x in y %}\n```\n\n"
                    "Then {% endif %} and {{ broken\n\n- item\n\n    {{ in the item }}\n", encoding="utf-8")
    found = [(text, loc.line, loc.col) for text, loc in template_leftovers(str(path))]
    assert found == [("{{ name }}", 1, 6), ("{% endif %}", 9, 6), ("{{", 9, 22), ("{{ in the item }}", 13, 5)]
