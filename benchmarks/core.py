"""Core benchmark: definition load, full check, edit + incremental recheck, save + load.

Run: python benchmarks/core.py   (plain Python; prints a table with targets)
A bare-Python baseline measured in the same run (summing the same number of ints in a dict)
gives a machine-speed reference, since absolute times vary on shared machines.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import nianbao.definition
from common import print_table, timed
from factories import filled_report
from nianbao.core import storage
from nianbao.core.checking import Checker
from nianbao.core.document import ReportDocument
from nianbao.core.edits import EditBatch
from nianbao.core.report import Report
from nianbao.definition import load_definition


def narrative_report(chars: int = 5000) -> Report:
    """A filled report whose 一、五、六 hold `chars` characters of report-like text: every paragraph states nine figures
    from the tables among comparisons, phone, document and article numbers (denser than published reports)."""
    report = filled_report("gov2021")
    v = report.values
    paragraph = (
        f"（一）主动公开\n2025年，我镇通过政府网站主动公开政府信息，制发行政规范性文件{v['t2.normative.issued']}件，"
        f"废止{v['t2.normative.repealed']}件，现行有效{v['t2.normative.valid']}件；联系电话0591-24331234。\n"
        f"（二）依申请公开\n本年度共收到政府信息公开申请{v['t3.new.total']}件，较上年增加3件，"
        f"其中予以公开{v['t3.open.total']}件、部分公开{v['t3.partial.total']}件，"
        f"结转下年度继续办理{v['t3.forward.total']}件。依据《条例》第二十条和国办公开办函〔2021〕30号，答复率100%。\n"
        f"（三）监督保障\n发生行政复议{v['t4.cases.review_total']}件，落实保密审查，加强政务新媒体管理，开展培训。\n"
        "我镇坚持以公开为常态、不公开为例外，围绕群众关心关注的重点领域，及时准确公开政策文件和办事指南，"
        "健全政府信息公开工作机制，明确专人负责信息发布、审核和更新，做到发布及时、内容准确、程序规范。"
        "同时加强对村（社区）公开栏的指导，推动政务公开向基层延伸，切实保障人民群众的知情权、参与权和监督权。\n"
    )
    text = (paragraph * (chars // len(paragraph) + 1))[:chars]
    third = len(text) // 3
    report.narrative.update({"ch1": text[:third], "ch5": text[third : 2 * third], "ch6": text[2 * third :]})
    return report


def main() -> int:
    text = (Path(nianbao.definition.__file__).parent / "gov2021.toml").read_text("utf-8")
    report = filled_report("gov2021")
    doc = ReportDocument(report)
    editable = [c for c, s in report.fmt.cells.items() if not s.computed and s.table == "t3"]
    rng = random.Random(1)

    def edit() -> None:
        doc.apply(EditBatch.set_cells({rng.choice(editable): rng.randint(0, 99)}))

    texts = narrative_report()
    text_doc = ReportDocument(narrative_report())
    ch1 = text_doc.report.narrative["ch1"]

    def type_text() -> None:
        text_doc.apply(EditBatch(texts=(("ch1", ch1 + str(rng.randint(0, 9))),)))

    folder = Path(tempfile.mkdtemp())

    def save_load() -> None:
        storage.save(report, folder / "bench.nianbao")
        storage.load(folder / "bench.nianbao")

    values = {f"c{i}": i for i in range(200)}
    rows = [
        ("baseline: sum 200 dict ints", timed(lambda: sum(values.values()), 1000), None),
        ("load definition (gov2021)", timed(lambda: load_definition(text), 50), 50.0),
        ("full check, filled 2021 report", timed(lambda: Checker(report), 200), 5.0),
        ("full check incl. text rules, 5000 chars of text", timed(lambda: Checker(texts), 200), 5.0),
        ("type in a chapter + recheck (5000 chars)", timed(type_text, 1000), 5.0),
        ("edit + incremental recheck", timed(edit, 1000), 1.0),
        ("save + load round trip", timed(save_load, 50), 20.0),
    ]
    return print_table(rows)


if __name__ == "__main__":
    raise SystemExit(main())
