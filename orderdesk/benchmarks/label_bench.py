"""Label rendering speed: the first label of a fresh process, and 1,000 labels in one PDF.

The first label is what a packer waits for after starting the app or a CLI command: it includes
importing reportlab and parsing the bundled CJK font, so it is measured in a new Python process
(from its first line to the PDF bytes; the interpreter's own start-up is reported separately).
The batch is one PDF of 1,000 different labels, as a wave's labels are printed in one job.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass

FIRST_LABEL_LIMIT_MS = 300.0
BATCH_LIMIT_S = 10.0

_COLD = """
import time
t0 = time.perf_counter()
from orderdesk.labels import LabelTemplate, render_shipping_label
from orderdesk.labels.samples import sample_shipping_label
pdf = render_shipping_label(sample_shipping_label(), LabelTemplate())
t1 = time.perf_counter()
import json
print(json.dumps({"ms": (t1 - t0) * 1000, "bytes": len(pdf)}))
"""


@dataclass
class LabelBenchResult:
    first_label_ms: float  # fresh process: imports + font + one label, best of the runs
    first_label_process_ms: float  # the same, including Python's own start-up
    batch_labels: int
    batch_s: float
    batch_labels_per_s: float
    batch_pdf_mb: float
    zpl_batch_s: float

    @property
    def ok(self) -> bool:
        return self.first_label_ms <= FIRST_LABEL_LIMIT_MS and self.batch_s <= BATCH_LIMIT_S


def cold_first_label(runs: int = 3) -> tuple[float, float]:
    """(in-process ms, whole-process ms) of the fastest of `runs` fresh processes."""
    best, best_wall = float("inf"), float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True, check=True)
        wall = (time.perf_counter() - t) * 1000
        best = min(best, json.loads(out.stdout.strip().splitlines()[-1])["ms"])
        best_wall = min(best_wall, wall)
    return best, best_wall


def batch(n: int = 1000) -> tuple[float, int, float]:
    """(seconds, PDF bytes, seconds for the same labels as ZPL) for n labels in one document."""
    from ..labels import LabelTemplate, render_shipping_labels, to_zpl
    from ..labels.samples import sample_shipping_label

    labels = [sample_shipping_label(i) for i in range(n)]
    template = LabelTemplate()
    render_shipping_labels(labels[:1], template)  # font registered: the batch is measured warm
    t = time.perf_counter()
    pdf = render_shipping_labels(labels, template)
    pdf_s = time.perf_counter() - t
    t = time.perf_counter()
    "".join(to_zpl(d, template) for d in labels)
    return pdf_s, len(pdf), time.perf_counter() - t


def run(n: int = 1000, progress=print) -> LabelBenchResult:  # noqa: ANN001
    """Measure and print the figures; returns them for `orderdesk bench --json`."""
    first_ms, wall_ms = cold_first_label()
    progress(f"first label, fresh process: {first_ms:.0f} ms (limit {FIRST_LABEL_LIMIT_MS:.0f} ms); "
             f"with Python start-up {wall_ms:.0f} ms")  # fmt: skip
    pdf_s, size, zpl_s = batch(n)
    result = LabelBenchResult(round(first_ms, 1), round(wall_ms, 1), n, round(pdf_s, 3), round(n / pdf_s, 1),
                              round(size / 1e6, 2), round(zpl_s, 3))  # fmt: skip
    progress(f"{n} labels in one PDF: {pdf_s:.2f} s (limit {BATCH_LIMIT_S:.0f} s), "
             f"{result.batch_labels_per_s:.0f} labels/s, {result.batch_pdf_mb} MB; "
             f"as ZPL: {zpl_s:.2f} s")  # fmt: skip
    progress("labels benchmark: " + ("within limits" if result.ok else "OVER LIMIT"))
    return result


def as_dict(result: LabelBenchResult) -> dict[str, object]:
    return {**asdict(result), "ok": result.ok}


if __name__ == "__main__":
    run()
