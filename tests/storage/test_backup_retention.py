"""Which backups are kept: the newest ten, one a day for a week, one a week for a month."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from deepdive.storage.backup import backups_to_keep

NOW = datetime(2024, 5, 31, 18, 0, tzinfo=UTC)  # a Friday evening


def test_a_handful_of_backups_are_all_kept() -> None:
    stamps = [NOW - timedelta(minutes=5 * n) for n in range(4)]
    assert backups_to_keep(stamps, NOW) == set(stamps)


def test_of_many_backups_today_the_newest_ten_are_kept() -> None:
    stamps = [NOW - timedelta(minutes=5 * n) for n in range(30)]  # all within today
    kept = backups_to_keep(stamps, NOW)
    assert kept == set(stamps[:10])


def test_the_newest_backup_of_each_of_the_last_seven_days_is_kept() -> None:
    # Twenty backups today, then three a day (09:00, 12:00, 17:00) for the 20 days before.
    today = [NOW - timedelta(minutes=n) for n in range(20)]
    earlier = [
        datetime(2024, 5, 30 - back, hour, 0, tzinfo=UTC)
        for back in range(20)
        for hour in (9, 12, 17)
    ]
    kept = backups_to_keep(today + earlier, NOW)
    for back in range(1, 7):  # 30 May back to 25 May: each day's 17:00
        day = NOW.date() - timedelta(days=back)
        evening = datetime(day.year, day.month, day.day, 17, 0, tzinfo=UTC)
        assert evening in kept, day
        assert datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC) not in kept
    assert set(today[:10]) <= kept
    assert not set(today[10:]) & kept, "older backups of today give way to the newest ten"


def test_one_backup_per_week_is_kept_for_a_month_and_nothing_older() -> None:
    # One backup every day at noon for ten weeks.
    stamps = [datetime(2024, 5, 31, 12, 0, tzinfo=UTC) - timedelta(days=n) for n in range(70)]
    kept = backups_to_keep(stamps, NOW)
    # The newest ten days are kept as the newest ten; 22 May is the eleventh.
    assert set(stamps[:10]) <= kept
    # Beyond them, only the newest of each ISO week within the last 31 days: Sundays
    # (the last day of an ISO week) 19 May, 12 May and 5 May.
    beyond = sorted(kept - set(stamps[:10]))
    assert [s.date().isoformat() for s in beyond] == ["2024-05-05", "2024-05-12", "2024-05-19"]
    assert all(s.weekday() == 6 for s in beyond)
    assert min(kept) >= NOW - timedelta(days=31)


def test_after_a_long_holiday_the_last_ten_survive_however_old() -> None:
    stamps = [NOW - timedelta(days=100 + n) for n in range(15)]
    kept = backups_to_keep(stamps, NOW)
    assert kept == set(stamps[:10])


def test_pruning_rules_do_not_depend_on_input_order_or_duplicates() -> None:
    stamps = [NOW - timedelta(hours=7 * n) for n in range(60)]
    shuffled = stamps[::2] + stamps[1::2] + stamps[:5]
    assert backups_to_keep(shuffled, NOW) == backups_to_keep(stamps, NOW)
