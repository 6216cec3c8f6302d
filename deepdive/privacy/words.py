"""Word lists the detector needs: which capitalised words are not people's names.

Kept as Python so they load with the module, need no resource file and are typed.
Every list is lower case after folding (see :mod:`deepdive.privacy.folding`).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()).lower() for p in text.split("|") if p.strip())


# Registered names that are also everyday words: matched only when written with a
# capital letter, so "we will meet" is not taken for Will and "a rose" not for Rose.
WORD_NAMES = _words(
    """
    will may june april august mark bill rose hope faith grace joy amber ruby pearl holly
    ivy daisy lily iris jade summer autumn dawn eve sky river storm rain hunter mason cook
    baker young white black brown green grey gray hill wood king price bell ward page rich
    frank sunny chance carter miller fisher parker taylor marsh fox wolf lamb bird heath
    moss ash reed rush field fields lane banks bush cross hall house booth shepherd porter
    wall walls lord knight bishop dean major long short little small strong sharp swift
    hart hunt rice gold silver stone stones brook rivers waters woods winter spring frost
    snow star stars sun day days may art guy pat sue gene ray rob nick jack sam val dot
    kit kim lee jay max bob don drew rod al di ken mo tom chris ben dan bo bea cliff dale
    glen glenn miles robin sandy rusty wade penny lou love christian earl duke prince
    royal noble victor will's sterling justice honor honour constance prudence patience
    temperance mercy harmony melody charity liberty destiny unique precious angel blessing
    clay chase cole colt crew forest ridge rocky stone tanner cash ace journey
    banks booth bush field ford gill grant hardy hood horn land low mills moon page park
    parks pike pool potter rich sharp small spring street swan wells west wise good
    bishop butler carpenter cotton glass hale hand head hook joiner lock merry nurse oak
    pepper pope salt sands singer smart spear steel sweet weaver foster north south east
    english french welsh holland jordan burns chambers watts little mark bill
    berry
    """
)

# Word names whose capitalised form is often the word itself (a month, a colour, a
# virtue, "the King", "Young Person A"): they block only where the words around them
# make them a name (beside another registered name, after a title, as a possessive)
# and otherwise ask. Other word names ("Marsh", "Lee") block in mid-sentence, where a
# capital says it is the person.
CONTEXT_WORD_NAMES = _words(
    """
    young will hope rose price may grace hunter mark bill king prince duke earl lord
    june april august summer autumn winter spring day days dawn eve sky river storm rain
    frost snow star stars sun faith joy patience mercy charity honour honor justice
    liberty destiny unique precious angel blessing harmony melody love chance journey
    white black brown green grey gray amber ruby pearl gold silver jade holly ivy daisy
    lily iris long short little small strong sharp swift good rich noble royal major
    cash ace chase page street field fields park banks west north south east english
    french welsh holland jordan christian
    """
)

# A word name at the start of a sentence followed by one of these is the verb ("Will
# the plan work?", "May we ask?"), not the person.
MODAL_WORD_NAMES = _words("will may")
# Words after which a word name is the adjective or the colour, whatever their case:
# "Young people", "White British", "Black Caribbean".
PHRASE_FOLLOWERS = _words(
    """
    person persons people people's person's adult adults carer carers offender offenders
    women men mothers fathers parents families minds british irish african caribbean
    asian other european
    """
)
QUESTION_FOLLOWERS = _words(
    """
    i you we he she it they the this that there a an someone anyone everyone our your
    his her their mum dad these those all any
    """
)

# Words that are not names however they are written: function words, the vocabulary of
# practice writing, agencies and services, roles, family words, days, months, seasons,
# festivals, nationalities, faiths and languages, and everyday brands.
COMMON_WORDS = _words(
    """
    a an the and or but nor so yet for of in on at to from by with without within into onto
    source sources
    upon over under after before during since until about above below between among across
    through around along against toward towards per via as if then than that this these those
    there here where when while whilst why how what which who whom whose all any each every
    both either neither some many much more most less least few several other another such
    no not yes ok okay also only just even still again ever never always often sometimes
    i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs one two three four five six seven eight nine ten eleven twelve first second third
    last next new old good bad best worst better worse great high low big small early late
    is are was were be been being am do does did done doing have has had having can could
    shall should will would may might must let lets
    dear hi hello thanks thank regards kind yours sincerely faithfully best wishes
    please note notes note see refer re fw fwd cc bcc subject attached attachment
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays
    thursdays fridays saturdays sundays weekend weekends mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec
    spring summer autumn winter christmas easter eid ramadan diwali hanukkah halloween
    bonfire boxing valentine's valentines mother's father's mothers fathers new year
    bank holiday holidays half term term
    british english scottish welsh irish northern polish romanian lithuanian latvian slovak
    czech bulgarian hungarian albanian kurdish turkish arab arabic persian farsi pashto dari
    urdu punjabi bengali bangladeshi pakistani indian gujarati tamil somali eritrean
    ethiopian sudanese afghan syrian iraqi iranian nigerian ghanaian jamaican caribbean
    african asian european american chinese vietnamese filipino portuguese spanish french
    german italian greek ukrainian russian mixed heritage black white roma romany gypsy
    traveller travellers irish muslim christian catholic anglican protestant methodist jewish
    sikh hindu buddhist islamic church mosque gurdwara temple synagogue bible quran koran
    god allah jesus
    mum mam mom mummy mommy dad daddy nan nana nanna nanny gran granny grandma grandmother
    grandad granddad grandpa grandfather grandparents auntie aunty aunt uncle cousin brother
    sister stepdad stepmum step-dad step-mum stepfather stepmother stepbrother stepsister
    half-brother half-sister sibling siblings parent parents carer carers foster
    mr mrs ms miss mx dr prof sir madam madame lady lord rev reverend
    child children child's children's young youth people person persons adult adults teen
    teenager baby infant toddler pupil pupils student students boy boys girl girls man men
    woman women family families household friend friends partner boyfriend girlfriend
    social care worker workers manager managers team teams service services department unit
    units board boards partnership partnerships council councils authority authorities
    local county city borough district national regional government office officer officers
    agency agencies multi-agency multi hub hubs centre centres center centers hospital
    hospitals clinic clinics trust trusts foundation group groups project projects programme
    programmes program network networks panel panels forum court courts tribunal
    police constabulary force forces station custody justice youth offending probation
    prison prisons secure remand crown magistrates magistrates' family high appeal supreme
    cps prosecution solicitor solicitors barrister barristers lawyer judge judges guardian
    guardians advocate advocates cafcass ofsted dfe nhs ics icb gp gps a&e camhs cahms
    health mental physical wellbeing well-being emotional behavioural behaviour sexual
    substance misuse drug drugs alcohol domestic abuse violence neglect harm risk risks
    safeguarding safeguard protection protective plan plans planning order orders section
    act acts children's order care leaver leavers leaving looked after lac cla cin cp
    need needs support supported supporting help early intervention prevention targeted
    universal specialist statutory assessment assessments initial core review reviews
    reviewing independent virtual school schools academy academies college colleges
    university universities nursery primary secondary sixth form pru provision alternative
    education educational send sen senco ehcp ehc special inclusion exclusion excluded
    attendance year reception key stage gcse gcses a-level a-levels btec apprenticeship
    head headteacher teacher teachers deputy assistant lead leads designated dsl
    practitioner practitioners consultant psychologist psychiatrist psychotherapist
    therapist therapists clinician clinicians nurse nurses doctor doctors paediatrician
    midwife health visitor visitors mentor mentors coach coaches keyworker key worker
    caseworker coordinator co-ordinator director directors chair chairs chief executive
    principal detective constable sergeant inspector superintendent pc dc ds di pcso
    strategy discussion meeting meetings conference conferences case cases chronology
    chronologies summary background profile history learning reflection reflections
    reflective session sessions stage stages practice episode episodes key voice
    significance impact outcome outcomes action actions recommendation recommendations
    introduction conclusion conclusions findings finding analysis context overview
    appendix contents glossary theme themes question questions answer answers agenda minutes
    deep dive signs safety theory change gibbs cycle model method approach framework tool
    no wrong door aspire together scie edge restorative trauma informed systemic relational
    strengths based strengths-based signs of
    placement placements residential home homes house children's home foster care
    fostering adoption adopted kinship connected special guardianship sgo staying put close
    supported lodgings accommodation housing hostel flat flats tenancy homeless homelessness
    missing return interview rhi exploitation cse cce county lines nrm modern slavery
    trafficking grooming gang gangs knife crime arrest arrested charged bail caution
    community resolution referral referrals mash front door duty contact
    plan pathway personal adviser advisor pa iro lado mappa marac mash edge
    covid covid-19 coronavirus lockdown pandemic
    level levels entry functional skills maths english science mechanism houses export
    import file files menu button window tab tabs edit view help tools settings
    word excel powerpoint teams zoom skype whatsapp snapchat instagram tiktok facebook
    messenger youtube twitter x google iphone android xbox playstation nintendo netflix
    burger microsoft apple amazon uber deliveroo mcdonald's mcdonalds kfc tesco asda aldi lidl
    sainsbury's primark
    north south east west northern southern eastern western central inner outer upper lower
    road street avenue lane drive close way park
    """
)

# Agencies, services and places: a capitalised phrase among these is not a person.
KNOWN_PHRASES = _phrases(
    """
    Children's Social Care|Social Care|Youth Justice|Youth Justice Service|Youth Offending
    Team|Youth Offending Service|Health Visiting|Early Help|Family Court|Crown Court|
    Magistrates' Court|Local Authority|Virtual School|Independent Reviewing Officer|
    Designated Safeguarding Lead|Child Protection|Child Protection Plan|Child in Need|
    Looked After Child|Care Leaver|Personal Adviser|Pathway Plan|No Wrong Door|
    Project Aspire|Signs of Safety|Theory of Change|Learning Together|Deep Dive|
    Team Around the Family|Team Around the Child|Family Group Conference|Life Story|
    Multi-Agency Safeguarding Hub|National Referral Mechanism|Return Home Interview|
    Voluntary sector|Housing Options|Citizens Advice|Barnardo's|Action for Children|NSPCC|
    The Children's Society|Childline|Samaritans|Women's Aid|Red Cross|Salvation Army|
    Job Centre|Jobcentre Plus|Department for Education|Home Office|Ministry of Justice|
    Burger King|Young Minds|YoungMinds|Prince's Trust|King's Trust|Green Party
    """
)

PLACES = _phrases(
    "Aberdeen|Aberfeldy|Abergavenny|Aberlour|Aberystwyth|Abingdon|Abington|Aboyne|"
    "Afghanistan|Africa|Albania|Aldershot|Alloa|Alnwick|Alton|America|Amesbury|Ammanford|"
    "Andover|Antrim|Appleby|Arbroath|Ardgay|Ardrossan|Armagh|Arrochar|Ashbourne|Ashburton|"
    "Ashford|Asia|Australia|Axminster|Aylesbury|Ayr|Ayton|Bala|Ballachulish|Ballater|"
    "Ballindalloch|Ballycastle|Ballyclare|Ballygawley|Ballymena|Ballymoney|Bamburgh|"
    "Banbridge|Banbury|Banchory|Banff|Bangladesh|Bangor|Barking|Barmouth|Barnard Castle|"
    "Barnet|Barnsley|Barnstaple|Barrow-in-Furness|Basildon|Basingstoke|Bath|Bathgate|"
    "Bedale|Bedford|Bedfordshire|Belfast|Bellingham|Berkshire|Berwick-upon-Tweed|"
    "Betws-y-Coed|Bewdley|Bexley|Bicester|Bideford|Biggar|Birmingham|Bishop Auckland|"
    "Bishops Castle|Bishops Stortford|Bishops Waltham|Blackburn|Blackpool|Blairgowrie|"
    "Blandford|Bodmin|Bolton|Boroughbridge|Boston|Bournemouth|Bracknell|Bradford|"
    "Braintree|Brampton|Brechin|Brecon|Brent|Brentwood|Bridgend|Bridgnorth|Bridgwater|"
    "Bridlington|Bridport|Brigg|Brighton|Bristol|Britain|Bromley|Bromyard|Buckingham|"
    "Buckinghamshire|Bude|Budleigh Salterton|Builth Wells|Bulgaria|Bungay|Burnley|"
    "Burton-on-Trent|Bury|Bury St Edmunds|Buxton|Caernarfon|Calderdale|Callander|"
    "Camberley|Cambridge|Cambridgeshire|Camden|Camelford|Campbeltown|Canada|Cannock|"
    "Canterbury|Cardiff|Cardigan|Carlisle|Carmarthen|Carradale|Carrickmore|Castle Douglas|"
    "Castlebay|Caterham|Cemmaes Road|Cerne Abbas|Chard|Chatteris|Chelmsford|Chelsea|"
    "Cheltenham|Chepstow|Cheshire|Chesterfield|Chichester|China|Chippenham|"
    "Chipping Norton|Chipping Sodbury|Church Stretton|Cirencester|Clacton-on-Sea|Clevedon|"
    "Cleveland|Clitheroe|Clunderwen|Clynderwen|Coalville|Coatbridge|Colchester|Coldstream|"
    "Coleraine|Coleshill|Colonsay|Colwyn Bay|Congleton|Consett|Cookstown|Coppull|Cornwall|"
    "Corwen|Coupar Angus|Coventry|Craigellachie|Cranbrook|Craven|Crawley|Crediton|Crewe|"
    "Crieff|Cromer|Croydon|Cumbria|Cumnock|Czech Republic|Dagenham|Dalmally|Darlington|"
    "Dartford|Daventry|Derby|Derbyshire|Dereham|Derry|Devizes|Devon|Dingwall|Diss|"
    "Doncaster|Dorchester|Dorking|Dorset|Dover|Downham Market|Downpatrick|Driffield|"
    "Dudley|Dulverton|Dumbarton|Dumfries|Dunbar|Dundee|Dunfermline|Dungannon|Dunkeld|"
    "Dunoon|Duns|Durham|Dursley|Ealing|Easingwold|East Anglia|East Grinstead|"
    "East Kilbride|East Midlands|East Riding|Eastbourne|Eastgate|Ebbsfleet|Edinburgh|"
    "Elgin|Ellon|Ely|Enfield|England|Enniskillen|Eritrea|Esher|Essex|Europe|Evesham|"
    "Exeter|Fakenham|Falkirk|Falmouth|Fareham|Faringdon|Felixstowe|Fife|Fishguard|"
    "Fivemiletown|Folkestone|Forfar|Fort Augustus|Fort William|Fortrose|Foula & Fair Isle|"
    "France|Fraserburgh|Frome|Fulham|Gainsborough|Gairloch|Galashiels|Garstang|Gateshead|"
    "Germany|Ghana|Girvan|Glasgow|Glastonbury|Glenborrodale|Glenurquhart|Glossop|"
    "Gloucester|Gloucestershire|Golspie|Goole|Gosforth|Grange-over-Sands|Grantham|"
    "Grantown-on-Spey|Gravesend|Grays Thurrock|Great Bernera|Great Britain|Great Dunmow|"
    "Great Yarmouth|Greater Manchester|Greece|Greenock|Greenwich|Gretna|Grimsby|Guernsey|"
    "Guildford|Guisborough|Guiseley|Gwynedd|Hackney|Halifax|Halton|Haltwhistle|Hambleton|"
    "Hammersmith|Hampshire|Haringey|Harris|Harrogate|Harrow|Harthill|Hartlepool|Haslemere|"
    "Hastings|Hathersage|Haverfordwest|Haverhill|Havering|Hawick|Hawkshead|Hay-on-Wye|"
    "Haywards Heath|Heathfield|Helensburgh|Helmsdale|Helmsley|Hemel Hempstead|"
    "Henley-on-Thames|Hereford|Herefordshire|Hertfordshire|Hexham|High Wycombe|Hillingdon|"
    "Hinckley|Hitchin|Holbeach|Holmes Chapel|Holsworthy|Holyhead|Home Counties|Honington|"
    "Honiton|Hornby|Horncastle|Hornsea|Horsham|Hounslow|Huddersfield|Hull|Humber|Hungary|"
    "Hungerford|Hunstanton|Huntingdon|Huntly|India|Insch|Inveraray|Inverness|Inverurie|"
    "Ipstones|Ipswich|Iran|Iraq|Ireland|Isle of Arran|Isle of Benbecula|Isle of Man|"
    "Isle of Mull - Craignure|Isle of Mull - Fionnphort|Isle of Mull - Tobermory|"
    "Isle of Skye - Broadford|Isle of Skye - Edinbane|Isle of Skye - Portree|"
    "Isle of Wight|Isles of Scilly|Islington|Italy|Jamaica|Jersey|Johnstone|Keighley|"
    "Keith|Kelso|Kensington|Kent|Kesh|Keswick|Kettering|Kidderminster|Kilchrenan|Killearn|"
    "Killin|Killingholme|Kilmarnock|Kilmelford|Kilrea|Kings Lynn|Kingsbridge|Kingston|"
    "Kingston-upon-Hull|Kington|Kingussie|Kinloch Rannoch|Kinross|Kinrossie|Kircubbin|"
    "Kirkcaldy|Kirkcudbright|Kirklees|Kirkwhelpington|Kirriemuir|Knighton|Knightwick|"
    "Knowsley|Knutsford|Kyle|Ladybank|Laggan|Lairg|Lambeth|Lampeter|Lanark|Lancashire|"
    "Lancaster|Langholm|Lapworth|Larne|Latvia|Lauder|Launceston|Laurencekirk|Lea Valley|"
    "Ledbury|Leeds|Leicester|Leicestershire|Leigh Sinton|Leighton Buzzard|Leominster|"
    "Lerwick|Leven|Lewisham|Leyburn|Limavady|Lincoln|Lincolnshire|Lincs|Lisburn|Liskeard|"
    "Lisnaskea|Lithuania|Liverpool|Llanarth|Llandeilo|Llandovery|Llandrindod Wells|"
    "Llandysul|Llanelli|Llanidloes|Llanon|Llanwrtyd Wells|Lochboisdale|Lochcarron|"
    "Lochgilphead|Lochinver|Lochmaddy|Lockerbie|London|Londonderry|Looe|Loughborough|"
    "Louth|Lowestoft|Ludlow|Luton|Lybster|Lydney|Lymington|Lynton|Macclesfield|"
    "Machynlleth|Madingley|Magherafelt|Maidenhead|Maidstone|Maldon|Mallaig|Malmesbury|"
    "Malton|Malvern|Manchester|Mansfield|Market Drayton|Market Harborough|Market Rasen|"
    "Market Weighton|Marlborough|Martin|Martinstown|Matlock|Maud|Maybole|Medway|"
    "Melton Mowbray|Meriden|Merseyside|Merthyr Tydfil|Merton|Mid Yell|Middlesbrough|"
    "Midlands|Milford Haven|Millom|Milton Keynes|Minehead|Moffat|Mold|Monmouth|Montrose|"
    "Moretonhampstead|Morpeth|Moscow|Motherwell|Nairn|Narberth|Neath|New Galloway|"
    "New Luce|New Mills|Newark-on-Trent|Newbury|Newcastle|Newham|Newmarket|Newport|"
    "Newquay|Newry|Newton Abbot|Newton Stewart|Newtown|Newtownstewart|Nigeria|Norfolk|"
    "North Berwick|North Cave|North East|North Walsham|North West|North Yorkshire|"
    "Northallerton|Northampton|Northamptonshire|Northern Ireland|Northumberland|Northwich|"
    "Norwich|Nottingham|Nottinghamshire|Oakham|Oban|Okehampton|Oldham|Oldmeldrum|Omagh|"
    "Orkney|Orpington|Oswestry|Oxford|Oxfordshire|Padstow|Pakenham|Pakistan|Patrington|"
    "Peat Inn|Peebles|Pencombe|Penicuik|Penrith|Penzance|Perth|Peterborough|Peterhead|"
    "Petersfield|Pickering|Pitlochry|Plymouth|Pocklington|Poland|Pontefract|Pontypool|"
    "Pontypridd|Pooley Bridge|Port Ellen|Portadown|Porthmadog|Portsmouth|Portugal|Preston|"
    "Prudhoe|Pulborough|Pwllheli|Raughton Head|Reading|Redbridge|Redcar|Redditch|Redhill|"
    "Redruth|Retford|Rhyl|Richmond|Richmondshire|Ringwood|Ripley|Ripon|Rochdale|"
    "Rockbourne|Romania|Romford|Romsey|Ross-on-Wye|Rostrevor|Rothbury|Rotherham|Rothesay|"
    "Royston|Rugby|Rugeley|Runcorn|Russia|Ruthin|Rutland|Rye|Ryedale|Saffron Walden|"
    "Saintfield|Salford|Salisbury|Sanday|Sandwell|Sandwick|Sandy|Sanquhar|Saxmundham|"
    "Scarborough|Scarinish|Scotland|Scourie|Scunthorpe|Sedbergh|Sedgefield|Sefton|Selby|"
    "Selkirk|Settle|Sevenoaks|Shaftesbury|Shap|Sheffield|Shepton Mallet|Shetland|"
    "Shrewsbury|Shropshire|Sittingbourne|Skegness|Skelmersdale|Skipton|Sleaford|Slough|"
    "Slovakia|Solihull|Somalia|Somerset|South East|South Molton|South West|"
    "South Yorkshire|Southampton|Southend-on-Sea|Southport|Southwark|Spain|Spalding|"
    "Spilsby|St Albans|St Andrews|St Austell|St Boswells|St Clears|St Helens|Stafford|"
    "Staffordshire|Staines|Stamford|Stanhope|Stevenage|Stirling|Stockport|Stockton|Stoke|"
    "Stoke-on-Trent|Stonehaven|Stornoway|Stow-on-the-Wold|Stowmarket|Stranraer|"
    "Stratford-upon-Avon|Strathaven|Strathdon|Strathpeffer|Strathy|Strontian|Sudan|"
    "Sudbury|Suffolk|Sunderland|Surrey|Sussex|Swaffham|Swansea|Swindon|Syria|Tain|"
    "Tameside|Tamworth|Tarbert|Tarporley|Taunton|Tavistock|Telford|Temple Cloud|Thame|"
    "Thanet|Thetford|Thirsk|Thornhill|Thurso|Tiverton|Tomatin|Tomdoun|Tongue|Torquay|"
    "Torrington|Tower Hamlets|Trafford|Tranent|Truro|Tunbridge Wells|Turkey|Turriff|"
    "Tyneside|Uckfield|Ukraine|Ullapool|United Kingdom|Uxbridge|Vietnam|Wakefield|Wales|"
    "Walsall|Waltham Forest|Wandsworth|Warboys|Ware|Wareham|Warminster|Warrington|Warwick|"
    "Warwickshire|Watchet|Watford|Wellingborough|Welshpool|Welwyn Garden City|Wem|"
    "West Heslerton|West Midlands|West Yorkshire|Westerham|Westminster|Weston-super-Mare|"
    "Wetherby|Weybridge|Whatton|Whitby|Whitchurch|Whitehaven|Wick|Wigan|Wigton|Wigtown|"
    "Williton|Wiltshire|Wincanton|Winchester|Wirral|Wisbech|Witney|Wolverhampton|"
    "Worcester|Worcestershire|Workington|Worksop|Wormbridge|Worthing|Wrexham|Wymondham|"
    "Yeovil|York|Yorkshire"
)

# Words that name a street in "14 Acacia Avenue".
STREET_WORDS = _words(
    """
    street st road rd avenue ave lane ln close cl drive dr way crescent cres court ct grove
    place pl terrace tce gardens gdns walk hill park row square sq mews view rise green
    parade vale croft fold gate wharf yard chase meadow meadows way wynd brow bank side
    embankment boulevard circus approach dale garth hollow nook passage promenade quay
    """
)

# Titles before a name ("Mr Smith"): what follows them is more likely a person.
HONORIFICS = _words("mr mrs ms miss mx dr prof sir dame lady lord rev")

# Name particles that are not a name on their own ("de", "van"), and initials.
PARTICLES = _words("de da di del della der den van von la le du st bin binti ibn al el mac")

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
