"""Identifiers found by their shape: each pattern with valid examples, checksum
failures and near misses that must not be flagged (order numbers, times, money)."""

from __future__ import annotations

import pytest

from deepdive.privacy.detector import Detector
from deepdive.privacy.findings import FindingKind


@pytest.fixture(scope="module")
def detector() -> Detector:
    # No registry and no name guessing: only the patterns speak.
    return Detector(guess_names=False)


def only(detector: Detector, text: str) -> tuple[FindingKind, str]:
    findings = detector.detect(text)
    assert len(findings) == 1, [(f.kind, f.text) for f in findings]
    finding = findings[0]
    assert text[finding.start : finding.end] == finding.text
    return finding.kind, finding.text


def nothing(detector: Detector, text: str) -> None:
    findings = detector.detect(text)
    assert findings == [], [(f.kind, f.text) for f in findings]


@pytest.mark.parametrize(
    "number",
    ["943 476 5919", "9434765919", "943-476-5919", "450 557 7104", "401 023 2137"],
)
def test_nhs_numbers_that_pass_modulus_11_are_found(detector: Detector, number: str) -> None:
    assert only(detector, f"NHS no. {number} on the referral.") == (FindingKind.NHS_NUMBER, number)


@pytest.mark.parametrize(
    "number",
    ["943 476 5918", "0000000000", "1111111111", "123 456 7890", "943 4765 919"],
)
def test_ten_digit_numbers_failing_the_nhs_rules_are_not_flagged(
    detector: Detector, number: str
) -> None:
    nothing(detector, f"Reference {number} on the letter.")


@pytest.mark.parametrize("number", ["AB 12 34 56 C", "AB123456C", "ab 12 34 56 c", "JG 10 38 22 D"])
def test_national_insurance_numbers_are_found(detector: Detector, number: str) -> None:
    assert only(detector, f"Her NI number is {number}.") == (FindingKind.NI_NUMBER, number)


@pytest.mark.parametrize(
    "number",
    [
        "QQ 12 34 56 C",  # HMRC's own example: Q is never a first letter
        "DA 12 34 56 A",  # D is never a first letter
        "AO 12 34 56 B",  # O is never a second letter
        "BG 12 34 56 A",  # never allocated
        "GB 12 34 56 A",
        "NK 12 34 56 A",
        "TN 12 34 56 A",
        "ZZ 12 34 56 A",
        "AB 12 34 56 E",  # the suffix is A to D
        "Ab 12 34 56 C",  # mixed case: not how a number is written
    ],
)
def test_ni_shaped_numbers_breaking_hmrc_rules_are_not_flagged(
    detector: Detector, number: str
) -> None:
    nothing(detector, f"Ref {number} in the file.")


def test_unique_pupil_numbers_need_their_check_letter(detector: Detector) -> None:
    assert only(detector, "UPN B801200005001 on the school's list.") == (
        FindingKind.PUPIL_NUMBER,
        "B801200005001",
    )
    nothing(detector, "UPN A801200005001 has the wrong check letter.")
    nothing(detector, "E000200005001 has no real local authority.")


@pytest.mark.parametrize(
    "postcode",
    [
        "SW1A 1AA",
        "S1 2HE",
        "LS6 3QW",
        "M1 1AE",
        "B33 8TH",
        "DN55 1PT",
        "EC1A 1BB",
        "s1 2he",
        "s72ls",  # typed without the space
        "S12HH",
        "SW1A1AA",
        "dn551pt",
    ],
)
def test_uk_postcodes_are_found(detector: Detector, postcode: str) -> None:
    assert only(detector, f"Moved to {postcode} last week.") == (FindingKind.POSTCODE, postcode)


@pytest.mark.parametrize(
    "text",
    [
        "Stuck on the M62 for an hour.",
        "The code S1 2CI has letters a postcode never uses.",
        "Q1 2AB starts with a letter no postcode starts with.",
        "She is in Year 10 and sits 3 GCSEs.",
        "Sw1A 1aa is neither capitals nor lower case.",
        "It was her 1st and 2nd visit.",
        "XX1 2AB and QX12AB are in no postcode area.",
        "S12hh mixes capitals and lower case.",
        "The A1 road, the M62 J25, a PS5, the P45, CO2 and H2O, MP3s and a 4x4.",
        "At 10am in the 3D film the Y10 SEN group met.",
    ],
)
def test_postcode_near_misses_are_not_flagged(detector: Detector, text: str) -> None:
    nothing(detector, text)


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("A silver car, YX19 KZT, was seen outside.", "YX19 KZT"),
        ("Seen getting into YX19KZT at 22:00.", "YX19KZT"),
        ("Reg ab12cde noted by police.", "ab12cde"),
        ("September plate LB69 UZX.", "LB69 UZX"),
        ("The car was P123 ABC.", "P123 ABC"),  # prefix format, after a vehicle word
        ("His old van, reg ABC 123D, was parked there.", "ABC 123D"),  # suffix format
        # Lower case with the space, after a word about a vehicle.
        ("Police noted the car reg yx19 kzt outside.", "yx19 kzt"),
        ("He drove off in a silver ford yx19 kzt.", "yx19 kzt"),
        ("Taxi: lb69 uzx picked her up.", "lb69 uzx"),
    ],
)
def test_uk_vehicle_registrations_are_found(detector: Detector, text: str, plate: str) -> None:
    assert only(detector, text) == (FindingKind.VEHICLE, plate)


@pytest.mark.parametrize(
    "text",
    [
        "YX01 ABC has an age identifier no plate was given.",
        "IX19 KZT starts with a letter no region uses.",
        "Ab12 Cde mixes capitals and lower case.",
        "P123 ABC and ABC 123D with nothing about a vehicle are codes.",
        "The Y10 SEN group and form 7B met in room G12.",
        "Covid19 was in the news; the B2B firm and the 4G mast.",
        # Lower case with a space: only just after a vehicle word, in the same sentence.
        "yx19 kzt was written on the form.",
        "The car was fine. yx19 kzt was written on the form.",
        "The car was parked all afternoon round the corner from yx19 kzt.",
        "The car was parked in ls12 and the driver left.",  # a district and a word
        "Her car reg yx19 kztq looked wrong.",
        "The car reg Yx19 kzt mixes capitals and lower case.",
    ],
)
def test_vehicle_registration_near_misses_are_not_flagged(detector: Detector, text: str) -> None:
    nothing(detector, text)


@pytest.mark.parametrize(
    "phone",
    [
        "07911 123456",
        "07911-123-456",
        "07911.123.456",
        "07911123456",
        "+44 7911 123456",
        "+447911123456",
        "0044 7911 123456",
        "+44 (0)20 7946 0018",
        "020 7946 0000",
        "(0114) 496 0123",
        "0114 496 0123",
        "0800 123 4567",
    ],
)
def test_uk_phone_numbers_in_every_common_layout_are_found(detector: Detector, phone: str) -> None:
    assert only(detector, f"Call {phone} after 4pm.") == (FindingKind.PHONE, phone)


def test_phone_shaped_but_unassigned_numbers_are_still_flagged(detector: Detector) -> None:
    # 07700 900xxx and 01632 960xxx are kept for drama: never assigned, still a phone shape.
    assigned = detector.detect("Ring 07911 123456.")[0]
    unassigned = detector.detect("Ring 07700 900123.")[0]
    fictional_landline = detector.detect("Ring 01632 960123.")[0]
    assert unassigned.kind is FindingKind.PHONE and unassigned.blocking
    assert fictional_landline.kind is FindingKind.PHONE
    assert assigned.confidence > unassigned.confidence


@pytest.mark.parametrize(
    "text",
    [
        "Order 0123456789 arrived on Tuesday.",
        "Invoice no. 07911123456 was paid.",
        "Order number 4521-3378-22 was cancelled.",
        "ORD-2023-004512 is the reference.",
        "Contact at 10:30, then 14:00-15:30.",
        "Lunch cost £1,250.00 for the whole group, or £12.50 each.",
        "The review was on 14.03.2016 and 2016-03-14.",
        "She was aged 14 in 2016 and 2017.",
        "Sort code 12-34-56, account 12345678.",
    ],
)
def test_number_near_misses_are_not_flagged(detector: Detector, text: str) -> None:
    nothing(detector, text)


@pytest.mark.parametrize("email", ["jayden.marsh@example.com", "j_m+notes@school.sch.uk"])
def test_email_addresses_are_found(detector: Detector, email: str) -> None:
    assert only(detector, f"Write to {email} please.") == (FindingKind.EMAIL, email)


@pytest.mark.parametrize("text", ["Meet @ 3pm.", "Sent to user@localhost.", "An @ on its own."])
def test_email_near_misses_are_not_flagged(detector: Detector, text: str) -> None:
    nothing(detector, text)


def test_social_media_handles_are_found(detector: Detector) -> None:
    assert only(detector, "She posts as @jaymarsh99 most nights.") == (
        FindingKind.SOCIAL_HANDLE,
        "@jaymarsh99",
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/jayden.marsh99",
        "instagram.com/jay_m",
        "https://tiktok.com/@jaym",
        "https://example.org/~jmarsh",
        "http://forum.example.net/users/jaym/",
    ],
)
def test_urls_with_personal_paths_are_found(detector: Detector, url: str) -> None:
    assert only(detector, f"Her page {url} is public.") == (FindingKind.URL, url)


@pytest.mark.parametrize(
    "text",
    [
        "Guidance: https://www.gov.uk/government/publications/working-together.",
        "See https://www.facebook.com/help for reporting.",
        "Advice at www.nspcc.org.uk and https://learning.nspcc.org.uk/research.",
    ],
)
def test_organisation_urls_are_not_flagged(detector: Detector, text: str) -> None:
    nothing(detector, text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("DOB: 12/03/2005.", "12/03/2005"),
        ("She was born on 3rd May 2006 in hospital.", "3rd May 2006"),
        ("Date of birth 2005-03-12.", "2005-03-12"),
        ("d.o.b. 12.3.05", "12.3.05"),
        ("Born March 12, 2005.", "March 12, 2005"),
        ("Jay (DOB 12-03-2005) attended.", "12-03-2005"),
    ],
)
def test_dates_written_as_dates_of_birth_are_found(
    detector: Detector, text: str, date: str
) -> None:
    assert only(detector, text) == (FindingKind.DATE_OF_BIRTH, date)


@pytest.mark.parametrize(
    "text",
    [
        "On 12/03/2016 the review met.",
        "The move happened on 3 May 2016.",
        "Her birthday party was a good day.",
        "Born into a large family.",
    ],
)
def test_ordinary_dates_are_not_flagged(detector: Detector, text: str) -> None:
    nothing(detector, text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("She lives at 14 Acacia Avenue now.", "14 Acacia Avenue"),
        ("Moved to Flat 3, 22 Mill Lane in June.", "Flat 3, 22 Mill Lane"),
        ("Visited 221B Baker Street.", "221B Baker Street"),
        ("Her nan's house, 7 Long Causeway Road, was full.", "7 Long Causeway Road"),
    ],
)
def test_street_addresses_are_found(detector: Detector, text: str, address: str) -> None:
    assert only(detector, text) == (FindingKind.ADDRESS, address)


@pytest.mark.parametrize(
    "text",
    [
        "3 Road safety sessions were held.",
        "In 2016 Park Lane closed its doors.",
        "She walked 2 miles down the road.",
        "We met 14 times at the drop-in on the high street.",
    ],
)
def test_address_near_misses_are_not_flagged(detector: Detector, text: str) -> None:
    nothing(detector, text)


def test_findings_carry_kind_text_position_line_and_confidence(detector: Detector) -> None:
    text = "First line.\nSecond line with 07911 123456 in it."
    (finding,) = detector.detect(text)
    assert finding.kind is FindingKind.PHONE
    assert (finding.line, finding.text) == (2, "07911 123456")
    assert text[finding.start : finding.end] == "07911 123456"
    assert 0.6 <= finding.confidence <= 1.0


def test_text_with_control_characters_and_any_unicode_is_searched_safely(
    detector: Detector,
) -> None:
    text = "\x00\x07 مرحبا 你好 😀 Ivan Иван — ring 07911 123456\u200b please"
    (finding,) = detector.detect(text)
    assert finding.text == "07911 123456"
    assert detector.detect("") == []


@pytest.fixture(scope="module")
def guessing() -> Detector:
    # Possible organisations are guessed, like possible names, where someone is asked.
    return Detector(safe_words=["Jay", "Mum", "Greenfield Academy"])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jay moved to Newfield Secondary School in May.", "Newfield Secondary School"),
        ("Mum took her to Heeley Green Surgery.", "Heeley Green Surgery"),
        ("She lives at Oakwood Children's Home now.", "Oakwood Children's Home"),
        ("He started at St Mary's C of E Primary last term.", "St Mary's C of E Primary"),
        ("A place at Abbeydale Nursery was offered.", "Abbeydale Nursery"),
        ("She enrolled at Longley Park Sixth Form College.", "Longley Park Sixth Form College"),
        ("The GP at Firth Park Medical Centre wrote.", "Firth Park Medical Centre"),
        ("Seen at Darnall Health Centre.", "Darnall Health Centre"),
        ("Excluded from Outwood Academy City.", "Outwood Academy"),
        # A capitalised word starting the sentence is not part of the name.
        ("At Newfield Primary the staff met.", "Newfield Primary"),
        ("From Oakwood Children's Home, she rang.", "Oakwood Children's Home"),
        ("The Birley Academy rang.", "The Birley Academy"),
    ],
)
def test_schools_surgeries_and_childrens_homes_are_possible_identifiers(
    guessing: Detector, text: str, name: str
) -> None:
    (finding,) = guessing.detect(text)
    assert (finding.kind, finding.text) == (FindingKind.POSSIBLE_ORGANISATION, name)
    assert not finding.blocking and finding.replacement is None


@pytest.mark.parametrize(
    "text",
    [
        "Jay was late for the school bus.",
        "Mum registered with a GP surgery.",
        "He settled at his secondary school.",
        "Primary School",
        "The Primary School rang the duty team.",
        "She saw the nurse at the health centre.",
        "The Health Centre was closed.",
        "Young Person A moved to a children's home.",
        "School reported attendance of 64% this term.",
        "The Virtual School head and the Sixth Form College helped.",
        "Greenfield Academy is an agency the workspace knows.",
        "Church of England Primary School",
    ],
)
def test_generic_school_and_health_wording_is_not_an_organisation(
    guessing: Detector, text: str
) -> None:
    assert guessing.detect(text) == []


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("LCS 2048817 holds the chronology.", "2048817"),
        ("Her Mosaic ID: 456123 was updated.", "456123"),
        ("Eclipse person no. 1234567 is the brother's.", "1234567"),
        ("Liquidlogic (LCS) ref LCS-2048817.", "LCS-2048817"),
        ("See LCS2048817.", "LCS2048817"),
        ("Carefirst number CF123456 is closed.", "CF123456"),
        ("Early help: EHM 3301234.", "3301234"),
        ("Person ID 998877 on the referral.", "998877"),
        ("Crime ref 14/123456/19 was given.", "14/123456/19"),
    ],
)
def test_case_management_reference_numbers_are_found(
    detector: Detector, text: str, reference: str
) -> None:
    assert only(detector, text) == (FindingKind.CASE_REFERENCE, reference)


@pytest.mark.parametrize(
    "text",
    [
        "The Mosaic record was updated by the team.",
        "A solar eclipse in 2015 was the talk of the class.",
        "The ICS 2023 plan and the LCS training in 2019.",
        "The child protection plan ran 12345 days, the person said.",
        "LCS-2019 was when the system changed.",
    ],
)
def test_reference_near_misses_are_not_flagged(detector: Detector, text: str) -> None:
    nothing(detector, text)
