"""What the packer sees and hears from a metre away: the verdict banner and the station's sounds.

Green with a short tone for a good scan, a rising two-tone for a sealed parcel, red with the error
buzz and the reason spoken in Chinese for a refusal. Sound is best effort: no audio device, no
Qt Multimedia, or sounds turned off in the station setup, and the station is simply silent.
"""

from __future__ import annotations

import logging

from ...resources import resource_path
from ...services.packing import Verdict
from ..qt import QLabel, QObject, Qt, QUrl, QWidget, sound_effect_class

log = logging.getLogger(__name__)

GREEN, RED, SLATE, AMBER = "#2e7d32", "#c62828", "#455a64", "#ef6c00"
SPOKEN = {"intercepted", "wrong_item", "too_many", "unknown_barcode", "claimed", "db_lost", "cancelled", "packed"}
GOOD_KINDS = {"opened", "item", "packed", "waybill", "checked_in", "unknown_recorded", "unknown_opened", "missing"}
FINAL_KINDS = {"packed", "checked_in", "unknown_recorded"}  # a parcel sealed or checked in: the rising tone


def sound_for(verdict: Verdict) -> str:  # a pack-station Verdict or a returns-desk ReturnVerdict
    """The sound file (without .wav) that goes with a verdict."""
    if not verdict.ok:
        return f"say_{verdict.refusal}" if verdict.refusal in SPOKEN else "error"
    return "packed" if verdict.kind in FINAL_KINDS else "ok"


def colour_for(verdict: Verdict) -> str:
    if not verdict.ok:
        return RED
    return GREEN if verdict.kind in GOOD_KINDS else SLATE


class StationSounds(QObject):
    """Plays resources/sounds/<name>.wav; one effect per file, loaded on first use.

    Attributes:
        enabled: sounds on (the station setup's switch).
        played: names asked for, newest last (what a test or a log can check).
    """

    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.played: list[str] = []
        self._effects: dict[str, object] = {}
        self._broken = False

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        self.played = (self.played + [name])[-20:]
        try:
            effect = self._effect(name) or (self._effect("error") if name.startswith("say_") else None)
            if effect is not None:
                for other in self._effects.values():  # a new verdict cuts the last one short
                    if other is not effect and other.isPlaying():  # type: ignore[attr-defined]
                        other.stop()  # type: ignore[attr-defined]
                effect.play()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - sound must never cost a scan
            log.debug("could not play %s", name, exc_info=True)
            self._broken = True

    def _effect(self, name: str) -> object | None:
        if self._broken:
            return None
        if name not in self._effects:
            path = resource_path("sounds", f"{name}.wav")
            cls = sound_effect_class()
            if cls is None or not path.exists():
                return None
            effect = cls(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(1.0)
            self._effects[name] = effect
        return self._effects[name]


class VerdictBanner(QLabel):
    """The full-width strip that says the last verdict in big white type on green, red or slate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="stationBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumHeight(120)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.colour = SLATE
        self.show_text("", SLATE)

    def show_text(self, text: str, colour: str) -> None:
        self.colour = colour
        self.setText(text)
        self.setStyleSheet(f"QLabel#stationBanner {{ background: {colour}; color: white; font-size: 44px;"
                           f" font-weight: bold; padding: 14px 20px; border-radius: 6px; }}")  # fmt: skip

    def show_verdict(self, verdict: Verdict, lang: str) -> None:
        self.show_text(verdict.message(lang), colour_for(verdict))
