"""Realistic UK names and clean case-note wording for the scan benchmark.

The first names are common in England and Wales for the children, parents and
grandparents a case holds; the surnames are the commonest in England and Wales,
with the everyday-word surnames (Young, Will, Hope, Rose, Price, Brown, Green,
White, Black, King, …) that make a registry hard: the clean notes use those words
all the time ("the young person", "Young Person A", "we will", "Green Lane").
"""

from __future__ import annotations

import random


def _names(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _names(
    """
Oliver George Harry Noah Jack Leo Arthur Muhammad Oscar Charlie Jacob Thomas Henry
William Will Alfie Joshua Freddie Archie Theo Isaac James Ethan Lucas Mason Logan
Tyler Kai Callum Connor Reece Kieran Lewis Jordan Brandon Dylan Liam Jayden Mark Bill
Ryan Nathan Aaron Jake Luke Adam Daniel Samuel Joseph Max Finley Riley Harvey Hunter
Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Willow Freya Florence
Emily Ella Poppy Evie Sophie Chloe Ruby Jessica Hope Rose May Grace Daisy Holly Amber
Bethany Courtney Demi Shannon Tegan Keeley Aaliyah Amira Fatima Zara Layla Niamh Aoife
Kerry Lisa Michelle Donna Tracey Joanne Claire Nicola Sarah Emma Leanne Stacey Gemma
Dean Wayne Darren Lee Craig Paul Steven Gary Carl Jason Shaun Scott Mohammed Yusuf
Margaret Susan Linda Patricia Jean Barbara Pauline Brenda June Sandra Janet Christine
"""
)

SURNAMES = _names(
    """
Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson
Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel
Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison
Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths
Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox
Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster
Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer
Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray
Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart
Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson
Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant
Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory
Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding
Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane
Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross
Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson
Curtis Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers O'Neill Griffin
Sharp Hardy Wheeler Potter Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson
Black Hope Will Mark Bill Grace Little Short Sharpe Frost Snow Bush Field Banks Hill
Marsden Pemberton Hargreaves Ackroyd Sutcliffe Haigh Firth Greenwood Barraclough
Crossley Holroyd Ramsden Whiteley Lister Fairburn Smith-Jones Kowalski Nowak
"""
)

# Everyday words that are also registered surnames or first names, used in the clean
# notes in their ordinary sense.
CLEAN_SENTENCES = (
    "Young Person A was seen at home by SW1 and said things had been really hard.",
    "The young person told the hub worker that she will try college again in the spring.",
    "We will review the plan in six weeks; the young person hopes to stay put.",
    "There is hope that the placement will hold if the school keeps its offer open.",
    "Will the plan work? The team agreed to try it for a month and review.",
    "Hope was the word the young person used most when talking about Nan.",
    "Mum said she would mark the date on the calendar and pay the gas bill first.",
    "The price of the bus pass was a barrier, so the hub paid for it.",
    "They walked past the green on the way back and talked about the move.",
    "The young person wore a white hoodie and black trainers to the review.",
    "A brown envelope with the letter from the housing office arrived late.",
    "The carers grew roses in the garden and the young person helped water them.",
    "May was a difficult month: two missing episodes and one arrest.",
    "By grace of a good foster carer the weekend went well.",
    "The hub staff bought lunch at Burger King and the young person ate all of it.",
    "Young people in the group said they wanted adults who turn up when they say.",
    "The young person's little brother stayed with Nan for a short while.",
    "A frost in the morning meant the trip to the coast was moved to the next day.",
    "The long walk in the fields helped; the young person talked about Dad.",
    "Young Person B joined the session for the first time and spoke about school.",
    "The social worker will hunt for a placement nearer to the young person's school.",
    "Police recorded the young person as missing at 22:15 and found her by 02:00.",
    "The life coach met the young person every week and never cancelled.",
    "School reported attendance of 64% this term and one fixed-term exclusion.",
    "A strategy discussion was held with the Police and CAMHS; the plan is to review.",
    "Family time with Nan went well; the young person was calm and played football.",
    "The independent reviewing officer raised the number of moves at the review.",
    "The young person said: I just want people to stop moving me about.",
    "The team asked whether this would be good enough for their own child.",
    "Mum rang the duty line at 17:30 because the young person had not come home.",
)


def realistic_people(count: int, rng: random.Random) -> list[str]:
    """``count`` different full names, some with a middle name."""
    seen: set[str] = set()
    people: list[str] = []
    while len(people) < count:
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(SURNAMES)
        middle = f" {rng.choice(FIRST_NAMES)}" if rng.random() < 0.2 else ""
        name = f"{first}{middle} {last}"
        if name not in seen:
            seen.add(name)
            people.append(name)
    return people


def clean_notes(size: int, rng: random.Random) -> str:
    """About ``size`` characters of clean case notes: paragraphs of clean sentences."""
    chunks: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(rng.choice(CLEAN_SENTENCES) for _ in range(rng.randrange(3, 8)))
        chunks.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(chunks)
