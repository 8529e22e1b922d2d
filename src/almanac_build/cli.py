"""The `almanac` command. Each subcommand calls one function; every failure ends here as a clear
message and an exit status (2: the source needs fixing, 3: a tool failed), never a traceback."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time

from .diagnostics import AlmanacError, ToolError, display_path


EDITING = ("links", "import")  # commands that change the source, not output/


def run() -> None:
    """The `almanac` command: `main`, and its status as the exit status. Output piped into a command
    that stopped reading (`| head`) ends it quietly with status 1."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        code = 1
        devnull = os.open(os.devnull, os.O_WRONLY)  # the interpreter's own flush at exit would fail again
        os.dup2(devnull, sys.stdout.fileno())
    gc.freeze()  # the interpreter's teardown then skips rescanning the whole heap for cycles: 0.03 s
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    from .writers.registry import FORMAT_GROUPS

    parser = argparse.ArgumentParser(prog="almanac", description="Build the almanac's accessible editions.")
    parser.add_argument("--source", default="source", help="the source folder (default: source)")
    parser.add_argument("--output", default="output", help="the output folder (default: output)")
    # the same options after the command (`almanac build --source DIR`): given there, they win
    folders = argparse.ArgumentParser(add_help=False)
    folders.add_argument("--source", default=argparse.SUPPRESS, help="the source folder (default: source)")
    folders.add_argument("--output", default=argparse.SUPPRESS, help="the output folder (default: output)")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", parents=[folders], help="build the outputs")
    build_cmd.add_argument("--format", action="append", dest="formats",
                           help=f"only this format ({', '.join(FORMAT_GROUPS)}); repeatable")
    build_cmd.add_argument("--jobs", type=int, default=0, help="writers to run at once (default: 2)")
    commands.add_parser("validate-source", parents=[folders], help="only read and validate the source")
    check_cmd = commands.add_parser("check", parents=[folders],
                                    help="build if needed, run the accessibility checks, write reports")
    check_cmd.add_argument("--strict", action="store_true", help="also fail while warnings remain")
    links_cmd = commands.add_parser("links", parents=[folders],
                                    help="placeholder links out to a spreadsheet (CSV) and back")
    links_sub = links_cmd.add_subparsers(dest="links_command", required=True)
    links_export = links_sub.add_parser("export", parents=[folders],
                                        help="write one row per placeholder link [text](#) to FILE.csv")
    links_export.add_argument("csv", metavar="FILE.csv")
    links_import = links_sub.add_parser("import", parents=[folders],
                                        help="write the addresses filled in FILE.csv into the chapters")
    links_import.add_argument("csv", metavar="FILE.csv")
    links_import.add_argument("--dry-run", action="store_true", help="check every row, change nothing")
    import_cmd = commands.add_parser("import", parents=[folders],
                                     help="turn a Word contribution (.docx) into a chapter file")
    import_cmd.add_argument("docx", metavar="FILE.docx")
    import_cmd.add_argument("--chapter", required=True, metavar="ID", help="the chapter's id (existing or new)")
    import_cmd.add_argument("--title", help="the chapter title, when the Word file has no Title or single Heading 1")
    import_cmd.add_argument("--force", action="store_true", help="replace an existing chapter's text (front matter kept)")
    preview_cmd = commands.add_parser("preview", parents=[folders],
                                      help="serve the HTML edition on 127.0.0.1, rebuilt on every save, with findings")
    preview_cmd.add_argument("--port", type=int, default=8000, help="the port (default: 8000; 0: any free port)")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        if args.command == "links":
            return _links(args)
        if args.command == "import":
            return _import(args)
        if args.command == "preview":
            from .editors.preview.command import preview

            return preview(args.source, args.output, args.port)
        return _validate(args)
    except AlmanacError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(exc.diagnostics)
        problems = f"{count} problem{'s' if count != 1 else ''}"
        if args.command in EDITING:
            print(f"\nNothing was changed: {problems} to fix (file:line shown first).", file=sys.stderr)
        else:
            print(f"\nThe build stopped: {problems} in the source to fix "
                  "(file:line:column shown first). The previous outputs were left as they were.", file=sys.stderr)
        return AlmanacError.exit_code
    except ToolError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("The previous outputs were left as they were.", file=sys.stderr)
        return ToolError.exit_code
    except KeyboardInterrupt:
        print("interrupted; the previous outputs were left as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise
    except Exception as exc:  # a bug: one short message and a log file, never a traceback on the terminal
        from .failures import format_exception, internal_error

        error = internal_error(format_exception(exc), f"running '{args.command}' on {args.source}", args.output)
        print(f"error: {error}", file=sys.stderr)
        print("The previous outputs were left as they were.", file=sys.stderr)
        return ToolError.exit_code


def _build(args) -> int:
    from .build import build, missing_optional

    start = time.perf_counter()
    result = build(args.source, args.output, args.formats, args.jobs)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    for name in missing_optional(args.formats):
        print(f"Not built: the {name} edition, whose translator is not installed here ('make {name}' installs it).")
    if result.up_to_date:
        print(f"Up to date (nothing changed): {', '.join(result.up_to_date)}.")
    for path in result.written:
        size = os.path.getsize(path) if os.path.isfile(path) else 0
        print(f"  wrote {display_path(os.path.abspath(path))}" + (f" ({size / 1024:.0f} KB)" if size else ""))
    if result.written or not result.up_to_date:
        print(f"Built {len(result.written)} output(s) in {time.perf_counter() - start:.1f} s.")
    return 0


def _validate(args) -> int:
    from .source.loader import load

    book = load(args.source)
    for warning in book.warnings:
        print(warning, file=sys.stderr)
    print(f"The source is valid: {len(book.chapters)} chapters, {len(book.councils)} councils.")
    return 0


def _check(args) -> int:
    from .check import check
    from .report.terminal import summary

    run = check(args.source, args.output, args.strict)
    print(summary(run.result, args.strict))
    for path in run.reports:
        print(f"  wrote {display_path(os.path.abspath(path))}")
    if run.claimed:
        print("  fully compliant: the EPUB now claims EPUB Accessibility 1.1 - WCAG 2.2 Level AA")
    return run.exit_code


def _links(args) -> int:
    from .editors.placeholders import export_links, import_links

    if args.links_command == "export":
        count = export_links(args.source, args.csv)
        print(f"Wrote {count} placeholder link{'s' if count != 1 else ''} to {args.csv}: fill in the address "
              f"column, then run `almanac links import {args.csv}`.")
        return 0
    result = import_links(args.source, args.csv, args.dry_run)
    for row, place, address in result.filled:
        print(f"  row {row}: {place.file}:{place.line}:{place.column} “{place.text}” → {address}")
    verb = "Would fill" if args.dry_run else "Filled"
    print(f"{verb} {len(result.filled)} link{'s' if len(result.filled) != 1 else ''} in "
          f"{len(result.files)} chapter file{'s' if len(result.files) != 1 else ''}; {result.empty} row"
          f"{'s' if result.empty != 1 else ''} left empty" + (f"; {result.already} already filled in" if result.already else "")
          + ".")
    return 0


def _import(args) -> int:
    from .editors.docx_import import import_docx

    report = import_docx(args.docx, args.source, args.chapter, args.force, args.title)
    for note in report.notes:
        print(note, file=sys.stderr)
    shown = display_path(os.path.abspath(report.chapter_path))
    pictures = f", {len(report.images)} picture{'s' if len(report.images) != 1 else ''} in " \
               f"{os.path.dirname(display_path(os.path.abspath(os.path.join(args.source, report.images[0]))))}/" \
        if report.images else ""
    print(f"Wrote {shown}: {report.headings} heading{'s' if report.headings != 1 else ''}, {report.tables} "
          f"table{'s' if report.tables != 1 else ''}{pictures}. It reads as a valid chapter.")
    if report.notes:
        print(f"{len(report.notes)} thing{'s' if len(report.notes) != 1 else ''} could not be carried over as they "
              "were (listed above with the Word paragraph number).")
    if report.added:
        print(f"Added '{os.path.basename(report.chapter_path)}' at the end of the chapters list in almanac.yaml: "
              "move the line to where the chapter belongs in the reading order.")
    elif not report.listed:
        print(f"Add it to the reading order: put '  - {os.path.basename(report.chapter_path)}' under chapters: in "
              "almanac.yaml where it belongs.")
    return 0
