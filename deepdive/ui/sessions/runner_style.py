"""The runner's look: larger type for the stage, a quiet timer, nothing that flashes.

Colours come from the palette where they can, so the runner follows light and dark
themes; the one accent (running over time) is a soft amber, never an alarm red.
"""

RUNNER_STYLE = """
QLabel#runnerHeading { font-size: 17pt; font-weight: 600; }
QLabel#runnerSubtitle { color: palette(placeholder-text); font-size: 10.5pt; }
QLabel#stagePosition {
    color: palette(placeholder-text); font-size: 10pt; letter-spacing: 0.5px;
}
QLabel#stageTitle { font-size: 20pt; font-weight: 600; }
QLabel#stagePurpose { font-size: 12pt; color: palette(text); }
QLabel#paneCaption { color: palette(placeholder-text); font-size: 9.5pt; }
QLabel#sectionHeading { font-weight: 600; font-size: 11pt; padding-top: 4px; }
QLabel#quietHint { color: palette(placeholder-text); }
QLabel#scaleQuestion { font-size: 12pt; font-weight: 600; }
QLabel#columnHeading { font-weight: 600; font-size: 11pt; }
QListWidget#promptList { font-size: 12.5pt; }
QListWidget#promptList::item { padding: 6px 4px; }
QListView#stageList { font-size: 10.5pt; }
QListView#stageList::item { padding: 6px 4px; }
QTextBrowser#guidance { font-size: 10.5pt; }
QTableView#eventPicker::item { padding: 0 2px; }
QFrame#timerPanel {
    border: 1px solid palette(midlight); border-radius: 8px; background: palette(base);
    min-width: 220px;
}
QLabel#timerTime { font-size: 30pt; font-weight: 600; }
QLabel#timerTime[over="true"] { color: #8a5a12; }
QLabel#timerCaption { color: palette(placeholder-text); font-size: 10pt; }
QFrame#scaleBar { border: 1px solid transparent; border-radius: 6px; }
QFrame#scaleBar:focus { border: 1px solid palette(highlight); }
QFrame#scaleBar QPushButton { font-size: 13pt; }
QFrame#scaleBar QPushButton:checked {
    background: palette(highlight); color: palette(highlighted-text); font-weight: 600;
}
"""
