"""Each extraction stage alone, on the shapes it exists for."""

import pytest

from kg.extract import attributions, extract
from kg.extract.cues import find_cues
from kg.extract.quotes import quotations
from kg.extract.text import sentences, tokenize
from kg.model import Article, EntityType


def test_quotations_mix_typographic_and_straight_marks():
    body = 'He said “one thing," then "another”.'
    assert [q.text for q in quotations(body)] == ["“one thing,\"", "\"another”"]


def test_quotation_continues_into_a_paragraph_that_opens_with_a_mark():
    body = "“First paragraph.\n“Second paragraph,” she said."
    (q,) = quotations(body)
    assert q.text == body[: body.index("”") + 1]


def test_unbalanced_mark_stops_at_the_paragraph_end():
    body = "He said “never closed.\nNext paragraph stands alone."
    assert [q.text for q in quotations(body)] == ["“never closed."]


def test_sentences_keep_abbreviations_and_initials():
    body = "Mr. Smith met Gen. Oleksandr Syrsky in the U.S. capital. John F. Kennedy spoke. Then he left."
    assert [body[a:b] for a, b in sentences(body)] == [
        "Mr. Smith met Gen. Oleksandr Syrsky in the U.S. capital.",
        "John F. Kennedy spoke.",
        "Then he left.",
    ]


def test_a_pronoun_after_an_abbreviation_opens_a_sentence():
    body = "He fights terrorism in the U.S. He says Americans need no lectures."
    assert [body[a:b] for a, b in sentences(body)] == ["He fights terrorism in the U.S.", "He says Americans need no lectures."]


def test_tokens_split_possessives_but_keep_names_whole():
    assert [t.text for t in tokenize("Ukraine's O’Malley U.S. 8th")] == ["Ukraine", "'s", "O’Malley", "U.S.", "8th"]


def test_cue_span_takes_in_auxiliaries_and_adverbs():
    (cue,) = find_cues(tokenize("The minister has also said that it rained."))
    assert (cue.lemma, "The minister has also said that it rained."[cue.start : cue.end]) == ("say", "has also said")


@pytest.mark.parametrize(
    "body,source,content",
    [
        ('"We will win," said Senator Jane Doe.', "Senator Jane Doe", '"We will win,"'),
        ('"We will win," Jane Doe said.', "Jane Doe", '"We will win,"'),
        ("Officials said the bridge was closed.", "Officials", "the bridge was closed"),
        ("The bridge was closed, the spokesman said.", "the spokesman", "The bridge was closed"),
        ("According to Reuters, the bridge was closed.", "Reuters", "the bridge was closed"),
        ("Analysts believe that prices will rise.", "Analysts", "that prices will rise"),
    ],
)
def test_attribution_shapes(body, source, content):
    (a,) = attributions(body)
    assert [s.text for s in a.sources] == [source]
    assert a.contents[0].text == content


def test_pronoun_resolves_to_the_person_named_before():
    body = "Senator Jane Doe visited the plant. She said the plant would stay open."
    (a,) = attributions(body)
    assert a.speaker.name == "Jane Doe"


def test_no_speaker_is_invented():
    # "The weather continues" has a cue-like verb but no one who could have said anything
    assert attributions("The weather continues to improve across the region.") == []


def test_pronoun_without_antecedent_stays_unattributed():
    (a,) = attributions("He said the plant would stay open.")
    assert a.speaker is None


def test_split_quotation_is_one_attribution_with_both_parts():
    (a,) = attributions("“Judge,” Brafman said, “I have never had that happen.”")
    assert [c.text for c in a.contents] == ["“Judge,”", "“I have never had that happen.”"]
    assert a.speaker.name == "Brafman"


def test_every_relation_points_at_an_extracted_entity():
    from kg.extract import extract
    from kg.model import Article

    body = (
        "Saudi Prince Alwaleed Bin Talal mocked a digitally manipulated image.\n"
        '"You base your statements on photoshopped pics?" tweeted Prince Alwaleed, the nephew of the late King Abdullah.\n'
    )
    result = extract(Article(id="a", body=body))
    keys = {e.key for e in result.entities}
    assert all(r.subject in keys and r.object in keys for r in result.relations)


@pytest.mark.parametrize(
    "body,source,speaker",
    [
        ("Sullivan, struck by her story, told her she did not need the lessons.", "Sullivan, struck by her story,", "Sullivan"),
        ("Cecelia Purner, 67, a retired teacher in Allentown, Pa., said the vote mattered.", "Cecelia Purner, 67, a retired teacher in Allentown, Pa.,", "Cecelia Purner"),
        ("According to Senate filings, his net worth is below $100,000.", "Senate filings", "Senate filings"),
        ("Mr. Hedge met Tom Hedge. ''It is hard,'' Mr. Hedge said.", "Mr. Hedge", "Tom Hedge"),
    ],
)
def test_sources_with_appositions_honorifics_and_explicit_phrases(body, source, speaker):
    a = attributions(body)[-1]
    assert [s.text for s in a.sources] == [source]
    assert a.speaker.name == speaker


def test_speaker_label_before_a_colon():
    body = "Senator Jane Doe spoke.\nDoe: Well, I think the whole nation needs to heal."
    (a,) = attributions(body)
    assert (a.cue[0].text, a.speaker.name, a.contents[0].text) == (":", "Jane Doe", "Well, I think the whole nation needs to heal")


def test_trailing_participle_takes_the_sentence_subject():
    (a,) = attributions("In the interview, Mr. Trump attacked Cruz, saying the senator could not make deals.")
    assert (a.cue[0].text, [s.text for s in a.sources]) == ("saying", ["Mr. Trump"])


@pytest.mark.parametrize(
    "body",
    [
        "Strong showings in the dozen states that held primaries helped him.",
        "As both sides contend with attrition, the war goes on.",
        "With 214 delegates at stake, Clinton is assured of winning at least 118.",
        "Update: the story was corrected.",
    ],
)
def test_not_attributions(body):
    assert attributions(body) == []


def test_speaker_sentence_after_a_question_quote_and_a_pronoun_after_it():
    first, second = attributions('"Is everybody here?" Sanders said. "Okay, great!" he added.')
    assert (first.speaker.name, first.contents[0].text) == ("Sanders", '"Is everybody here?"')
    assert second.speaker.name == "Sanders"


def test_quote_then_a_name_with_an_apposition():
    (a,) = attributions('"Illegal immigration is bad," Steve Moody, a small-business owner, said at the rally.')
    assert ([s.text for s in a.sources], a.speaker.name) == (["Steve Moody, a small-business owner,"], "Steve Moody")


@pytest.mark.parametrize(
    "body,cue,source,contents",
    [
        (
            "The group is $9 million short, said former governor Ed Rendell.",
            "said",
            "former governor Ed Rendell",
            ["The group is $9 million short"],
        ),
        ("Now, he says, at least seven states will vote.", "says", "he", ["Now", "at least seven states will vote"]),
        ("In cases of abortion, it said, the woman is a victim.", "said", "it", ["In cases of abortion", "the woman is a victim"]),
        ("When Rubio thanked Miami and said it was great to be home, a man yelled.", "said", "Rubio", ["it was great to be home"]),
    ],
)
def test_inverted_parenthetical_and_coordinated_cues(body, cue, source, contents):
    a = next(a for a in attributions(body) if a.cue[0].text == cue)
    assert [s.text for s in a.sources] == [source]
    assert [c.text for c in a.contents] == contents


def test_evidence_verbs_need_a_body_of_evidence():
    (a,) = attributions("A new Quinnipiac survey found that most voters want change.")
    assert (a.cue[0].text, a.speaker.name) == ("found", "new Quinnipiac survey")
    assert attributions("Police found the car near the river.") == []


@pytest.mark.parametrize(
    "body,channel",
    [
        ("The commander wrote on Telegram that the bridge was destroyed.", "Telegram"),
        ("Officials told Reuters the talks had stalled.", "Reuters"),
        ('"We are ready," the minister said in an interview with the BBC.', "BBC"),
        ('"We are ready," Tom Banks told Reuters.', "Reuters"),  # the quotation first
        ('"We are ready," Tom Banks told the Daily Beast on Monday, "and we will win."', "The Daily Beast"),
    ],
)
def test_reporting_channels(body, channel):
    (a,) = attributions(body)
    assert [c.name for c in a.channels] == [channel]


@pytest.mark.parametrize(
    "body,channel",
    [
        ("Jane Holt told the Springfield Gazette that the bridge would reopen.", "Springfield Gazette"),
        ("Amy Klobuchar said in an interview with the Minneapolis Star Tribune that she would run.", "Minneapolis Star Tribune"),
        ('"It is over," Ms. Lee said on Fox Business Network.', "Fox Business Network"),
        ("Tom Banks told the Daily Caller that the plan was dead.", "Daily Caller"),
        ("Tom Banks told Iowa Public Radio that he would resign.", "Iowa Public Radio"),
        # a short name, after the outlet was named in full
        ("The Chicago Sun-Times broke the story. Tom Banks told the Sun-Times that he was glad.", "Chicago Sun-Times"),
        ("The Denver Post broke the story. Tom Banks told the Post that he was glad.", "Denver Post"),  # not The Washington Post
    ],
)
def test_outlets_the_lexicon_does_not_list_are_named_by_how_their_names_end(body, channel):
    a = attributions(body)[-1]
    assert [(c.name, c.type) for c in a.channels] == [(channel, EntityType.OUTLET)]


@pytest.mark.parametrize(
    "body,speaker,kind",
    [
        ("Police closed the road, according to the Riverside Herald.", "Riverside Herald", EntityType.OUTLET),
        ("Fox News and NBC News said the debate was over.", "Fox News and NBC News", EntityType.GROUP),  # two outlets
        # people named like outlets, and things
        ("Heath Ledger said that the film was done.", "Heath Ledger", EntityType.PERSON),
        ("Emily Post, an etiquette writer, said that forks go left.", "Emily Post", EntityType.PERSON),
        ("The Command Post said that the road was clear.", "Command Post", EntityType.PERSON),  # (as before: not an outlet)
    ],
)
def test_an_outlet_speaking_for_itself_is_an_outlet(body, speaker, kind):
    (a,) = attributions(body)
    assert (a.speaker.name, a.speaker.type) == (speaker, kind)


def test_a_short_outlet_name_never_named_in_full_is_no_one():
    (a,) = attributions("Tom Banks told the Sun-Times that he was glad.")
    assert a.channels == []


@pytest.mark.parametrize(
    "body,channel",
    [
        ("Donald Trump said in a Facebook post that the election was rigged.", "Facebook"),
        ("Donald Trump said in a Fox News interview that the election was rigged.", "Fox News"),
        ("Donald Trump wrote in an op-ed in The Washington Post that the election was rigged.", "The Washington Post"),
        ("Donald Trump wrote in an op-ed for The Washington Post that the election was rigged.", "The Washington Post"),
        ("Donald Trump said during an appearance on MSNBC that the election was rigged.", "MSNBC"),
        ("Donald Trump said on CNN's State of the Union that the election was rigged.", "CNN"),  # the network, not its show
        ("Donald Trump said in a statement posted on Facebook that the election was rigged.", "Facebook"),
        ("Donald Trump said on his official Twitter feed that the election was rigged.", "Twitter"),
    ],
)
def test_the_outlet_or_platform_named_between_cue_and_content_carried_the_words(body, channel):
    (a,) = attributions(body)
    assert ([c.name for c in a.channels], a.contents[0].text) == ([channel], "that the election was rigged")


@pytest.mark.parametrize(
    "body,channel",
    [
        ("The clinics are full, Priya Nair said in a statement posted on Facebook.", "Facebook"),
        ('"The clinics are full," Priya Nair said in a statement posted on Facebook.', "Facebook"),
        ('"The clinics are full," Priya Nair said on CNN.', "CNN"),
    ],
)
def test_the_outlet_or_platform_named_after_the_cue_at_the_end_carried_the_words(body, channel):
    (a,) = attributions(body)
    assert ([c.name for c in a.channels], a.speaker.name) == ([channel], "Priya Nair")


@pytest.mark.parametrize("adjunct", ["in a speech about The New York Times", "in a speech about the New York Times",
                                     "in a lawsuit against the Washington Post", "in a complaint about a CNN report",
                                     "in a speech attacking The New York Times"])
def test_an_outlet_spoken_about_is_no_channel(adjunct):
    (a,) = attributions(f"Donald Trump said {adjunct} that the election was rigged.")
    assert a.channels == []


@pytest.mark.parametrize(
    "body,content,channels",
    [
        ("Nortek cut its forecast, chief executive Sarah Lin said in an interview with Bloomberg.", "Nortek cut its forecast", ["Bloomberg"]),
        ("Chief executive Sarah Lin said in an interview with Bloomberg that demand had softened.", "that demand had softened", ["Bloomberg"]),
        ("Nortek cut its forecast, Sarah Lin said in an interview with the Financial Times on Tuesday.", "Nortek cut its forecast", ["Financial Times"]),
        ("Nortek cut its forecast, Sarah Lin said in a statement to Reuters.", "Nortek cut its forecast", ["Reuters"]),
        ('Sarah Lin said in an interview with Bloomberg: "Demand has softened a lot this year."', '"Demand has softened a lot this year."', ["Bloomberg"]),
        ("Sarah Lin said in an interview on CNN that demand had softened.", "that demand had softened", ["CNN"]),
        ("Sarah Lin said at a news conference that demand had softened.", "that demand had softened", []),
    ],
)
def test_whom_an_interview_or_statement_was_given_to_is_no_content(body, content, channels):
    """'with Bloomberg' carries on the "in an interview" the cue took in: a channel, not what was said."""
    (a,) = attributions(body)
    assert ([c.text for c in a.contents], [c.name for c in a.channels]) == ([content], channels)


def test_to_after_a_time_the_cue_took_in_is_an_infinitive():
    (a,) = attributions("Donald Trump tweeted on Friday to say he had never suggested a database.")
    assert a.contents[0].text == "to say he had never suggested a database"


def test_stance_verbs_need_a_person():
    (a,) = attributions("Senator Jane Doe seemed to suggest that the vote would fail.")
    assert a.speaker.name == "Jane Doe"
    assert attributions("The economy seemed to slow in the spring.") == []
    # or people: a group named by a plural agent noun or a capitalised plural
    (a,) = attributions("At a time when Republican voters see national security as their top concern.")
    assert a.sources[0].text == "Republican voters"
    assert attributions("At a time when the media outlets see national security as their top concern.") == []


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("The former prosecutors for David Petraeus said the two cases were different.", "former prosecutors for David Petraeus"),
        ("Nearly two-thirds of Democratic primary voters said that Wall Street hurts the economy.", "Nearly two-thirds of Democratic primary voters"),
        ('"There is a leak," this source told the Post.', "this source"),
    ],
)
def test_collective_sources_are_not_the_names_inside_them(body, speaker):
    (a,) = attributions(body)
    assert a.speaker.name == speaker


def test_colon_cue_takes_the_quotation_of_the_next_paragraph():
    body = 'Senator Jane Doe said:\n"We are going to win. You will see."\nThen she left.'
    (a,) = attributions(body)
    assert (a.cue[0].text, a.kind.value, [c.text for c in a.contents]) == ("said:", "direct", ['"We are going to win. You will see."'])


@pytest.mark.parametrize(
    "body,cue,source,speaker",
    [
        # a party-and-state parenthesis belongs to the name before the cue
        ("Sen. Rand Paul (R-Ky.) said the tax plan would fail.", "said", "Sen. Rand Paul (R-Ky.)", "Rand Paul"),
        # a given name ending in -ly is no sentence adverb
        ("Carly Fiorina said the economy is weak.", "said", "Carly Fiorina", "Carly Fiorina"),
        ("Recently Jane Doe said the economy is weak.", "said", "Jane Doe", "Jane Doe"),
        # but an -ly adverb before a quantifier belongs to the source
        ("Virtually all analysts said the economy is weak.", "said", "Virtually all analysts", "Virtually all analysts"),
        # an -ly adverb between the subject and the verb is part of the cue
        ("Jane Doe bluntly accused the senator of lying.", "bluntly accused", "Jane Doe", "Jane Doe"),
        # "state" inside an apposition is a noun, not a cue
        ("Roberta Lange, the state party chairwoman, said she had received threats.", "said", "Roberta Lange, the state party chairwoman,", "Roberta Lange"),
        # a role after the cue, then the name: the name is the speaker
        ("The plant is under pressure from imports, said the company's chief executive, John J. Ferriola.", "said",
         "the company's chief executive, John J. Ferriola", "John J. Ferriola"),
        ('"Most people did not know him," said the union\'s president, Jane Doe.', "said", "the union's president, Jane Doe", "Jane Doe"),
        # a role before the name, after the quotation
        ('"Life is hard in Romania," his wife, Gabriela Violeta Lazar, wrote.', "wrote", "his wife, Gabriela Violeta Lazar,", "Gabriela Violeta Lazar"),
        ('"This is a time to be celebrated," Assistant U.S. Attorney Maya D. Song wrote.', "wrote",
         "Assistant U.S. Attorney Maya D. Song", "Maya D. Song"),
        # "writes in" after its subject is a verb, not the noun "writes"
        ('Dan McAdams, a psychology professor, writes in The Atlantic that Trump is "extroverted."', "writes",
         "Dan McAdams, a psychology professor,", "Dan McAdams"),
        # a time adjunct between the party-and-state parenthesis and the cue
        ("Sen. Rand Paul (R-Ky.) last week said the tax plan would fail.", "said", "Sen. Rand Paul (R-Ky.)", "Rand Paul"),
        # a party-and-state parenthesis with dots, after a quotation
        ('"There is nothing to worry about," Sen. Chuck Schumer (D-N.Y.) said.', "said", "Sen. Chuck Schumer (D-N.Y.)", "Chuck Schumer"),
        # a reflexive or an adjective around a name leaves the name
        ("Ted Cruz spoke. Cruz himself said that the only way to win is to ask.", "said", "Cruz himself", "Ted Cruz"),
        ("Jeb Bush spoke. A teary-eyed Bush says he is proud of the campaign.", "says", "A teary-eyed Bush", "Jeb Bush"),
        # a person "of" an organisation or a place is the person
        ('"People stood in line for hours," said Maria Ganguly of Human Rights Watch.', "said",
         "Maria Ganguly of Human Rights Watch", "Maria Ganguly"),
        ("Jane Doe of the University of Chicago said the study was flawed.", "said", "Jane Doe of the University of Chicago", "Jane Doe"),
    ],
)
def test_source_boundaries(body, cue, source, speaker):
    (a,) = attributions(body)
    assert (a.cue[0].text, [s.text for s in a.sources], a.speaker.name) == (cue, [source], speaker)


@pytest.mark.parametrize(
    "body,source,speaker",
    [
        # the role first, the name in the apposition
        ("The finance minister, Lou Jiwei, suggested that officials should curb their complaints.", "The finance minister, Lou Jiwei,", "Lou Jiwei"),
        # a cue inside the apposition's relative clause is no cue of this sentence
        ("Gov. John Kasich, a Republican who has refused to endorse him, said the family deserved better.", "Gov. John Kasich, a Republican who has refused to endorse him,", "John Kasich"),
        # the dots of a state's initials ("R-S.C.") end no sentence inside the apposition
        ("Sen. Jane Doe, R-S.C., a long-shot presidential candidate, said the family deserved better.", "Sen. Jane Doe, R-S.C., a long-shot presidential candidate,", "Jane Doe"),
        # a time adjunct between the apposition and the cue is no source
        ("Donald Trump, who has been feuding with party leaders, on Friday said he would unite the party.",
         "Donald Trump, who has been feuding with party leaders,", "Donald Trump"),
        # a state set off by commas after a described person
        ("At a town hall, a woman in Worcester, Massachusetts, said she worries he is too nice.",
         "a woman in Worcester, Massachusetts,", "woman in Worcester"),
        # an apposition between dashes
        ("Jason Sims — a teacher from Mount Pleasant — said he voted for Trump.", "Jason Sims — a teacher from Mount Pleasant —", "Jason Sims"),
        # a relative, then one name in the apposition
        ("His wife, Jane, said she was proud of him.", "His wife, Jane,", "Jane"),
        # a place "of" which the person is, inside the apposition, is no name
        ("Cory James, 22, of Flint, Mich., said he had not given up hope.", "Cory James, 22, of Flint, Mich.,", "Cory James"),
        # a long apposition between the quotation and the cue
        ('"There is no job description," Melanne Verveer, who served as chief of staff during the Clinton administration, said.',
         "Melanne Verveer, who served as chief of staff during the Clinton administration,", "Melanne Verveer"),
        # a name in the second apposition belongs to the first one's role, not to the speaker
        ("Giovanni Maria Vian, editor of the Vatican's newspaper, L'Osservatore Romano, said every pope was political.",
         "Giovanni Maria Vian, editor of the Vatican's newspaper, L'Osservatore Romano,", "Giovanni Maria Vian"),
        # a long apposition, over 25 tokens, still ends at the comma before the cue
        (
            "Jane Doe, a retired teacher and former member of the elected school board in the small farming town of Oak Park in the far north of the county, said the family deserved better.",
            "Jane Doe, a retired teacher and former member of the elected school board in the small farming town of Oak Park in the far north of the county,",
            "Jane Doe",
        ),
    ],
)
def test_appositions_that_name_or_describe(body, source, speaker):
    a = next(a for a in attributions(body) if a.cue[0].text == ("said" if "said" in body else "suggested"))
    assert ([s.text for s in a.sources], a.speaker.name if a.speaker else None) == ([source], speaker)


@pytest.mark.parametrize(
    "body,cue,source,content",
    [
        ("Asked by Starnes if he believed the situation was as bad, Carson said no.", "Asked", ["Starnes"], "if he believed the situation was as bad"),
        ('"You bet," Christie said when asked about a quarantine for travelers.', "asked about", [], "a quarantine for travelers"),
        # when and where before the question
        ("Asked specifically what should be done with illegal immigrants, most said they should be deported.", "Asked", [],
         "what should be done with illegal immigrants"),
    ],
)
def test_a_question_is_an_attribution_of_whoever_asked(body, cue, source, content):
    a = next(a for a in attributions(body) if a.cue[0].text.lower().startswith("asked"))
    assert (a.cue[0].text, [s.text for s in a.sources], a.contents[0].text) == (cue, source, content)


@pytest.mark.parametrize(
    "body,cue,source",
    [
        # a person described, not named: someone the article introduced before
        ("The retired neurosurgeon added that the program would fail.", "added", "The retired neurosurgeon"),
        # and as the subject of a trailing participle
        ("The New York businessman has praised Putin, saying he was a stronger leader.", "saying", "The New York businessman"),
    ],
)
def test_described_people_are_sources(body, cue, source):
    a = next(a for a in attributions(body) if a.cue[0].text == cue)
    assert [s.text for s in a.sources] == [source]


@pytest.mark.parametrize(
    "body,source",
    [
        ("Several longtime party officials said that it reflected a crisis.", "Several longtime party officials"),
        ("Other news organizations said that they want copies.", "Other news organizations"),
    ],
)
def test_speech_verbs_vouch_for_common_noun_subjects(body, source):
    (a,) = attributions(body)
    assert a.sources[0].text == source


def test_a_participle_after_the_speaker_goes_on_with_the_same_speaker():
    body = 'Rami Nefzi spoke. He left as soon as prayers were finished, Nefzi said, adding, "He was not very religious."'
    assert [(a.cue[0].text, a.sources[0].text, a.contents[0].text) for a in attributions(body)] == [
        ("said", "Nefzi", "He left as soon as prayers were finished"),
        ("adding", "Nefzi", '"He was not very religious."'),
    ]


def test_a_participle_after_a_closing_quotation_mark_goes_on_with_the_same_speaker():
    body = "Donald Trump hailed the vote as “fantastic,” telling reporters on Friday that the outcome is great."
    assert [(a.cue[0].text, a.contents[0].text) for a in attributions(body)] == [
        ("hailed", "the vote as “fantastic,”"), ("telling", "that the outcome is great")]


def test_a_participle_after_a_time_adjunct_goes_on_with_the_same_speaker():
    body = '"This is huge," the analyst Charlie Cook wrote this week, adding that the party would suffer.'
    assert [(a.cue[0].text, a.speaker.name) for a in attributions(body)] == [("wrote", "Charlie Cook"), ("adding", "Charlie Cook")]


def test_a_long_description_after_the_cue_ends_at_its_relative_clause():
    body = '"We realized it was all lies," said one owner of a shop that sells women\'s underwear who declined to be named for fear of reprisals.'
    (a,) = attributions(body)
    assert a.sources[0].text == "one owner of a shop"


def test_a_hyphenated_number_is_one_word_of_the_source():
    (a,) = attributions('"We can win," said Bree Maxwell, a 31-year-old Sanders volunteer.')
    assert a.sources[0].text == "Bree Maxwell, a 31-year-old Sanders volunteer"


def test_a_party_and_state_parenthesis_after_the_cue_goes_with_the_name():
    (a,) = attributions('"We will win," said Sen. Robert P. Casey Jr. (D-Pa.), a Clinton backer.')
    assert (a.sources[0].text, a.speaker.name) == ("Sen. Robert P. Casey Jr. (D-Pa.), a Clinton backer", "Robert P. Casey Jr.")


def test_an_apposition_opening_with_a_qualified_role():
    (a,) = attributions('"We will win," said Guido Schmidt-Traub, managing director of a group in Paris.')
    assert a.sources[0].text == "Guido Schmidt-Traub, managing director of a group in Paris"


def test_two_subjects_joined_by_and():
    (a,) = attributions("Donald Trump and his attorneys said the case was baseless.")
    assert a.sources[0].text == "Donald Trump and his attorneys"
    # but not a clause before "and"
    (a,) = attributions("Hillary Clinton lost Michigan and the campaign said it would fight on.")
    assert a.sources[0].text == "the campaign"


def test_a_relative_clause_inside_the_subject():
    (a,) = attributions("Democrats in Iowa who watched the debate said they were unfazed by the flap.")
    assert a.sources[0].text == "Democrats in Iowa who watched the debate"


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("The New York Times ran it. The newspaper said the deal was bad.", "The New York Times"),
        ("The Heritage Foundation released a report. The organization also points out that the economy grew.", "Heritage Foundation"),
        # nothing of its kind named before: the source stays unnamed, never guessed
        ("The newspaper said the deal was bad.", None),
    ],
)
def test_the_newspaper_stands_for_the_outlet_named_before(body, speaker):
    (a,) = attributions(body)
    assert (a.speaker.name if a.speaker else None) == speaker


def test_a_relative_named_by_a_possessive_is_a_source_left_unnamed():
    (a,) = attributions("After the family moved back to Tennessee, his mother refused to teach him Japanese.")
    assert (a.sources[0].text, a.speaker) == ("his mother", None)


@pytest.mark.parametrize(
    "body,name,kind",
    [
        # a body "of" something is no person named before "of"
        ("The Joint Chiefs of Staff said the plan was sound.", "Joint Chiefs of Staff", "Organization"),
        # a party or a role after "a top", "a former" is no surname
        ("A top Democrat said the plan was sound.", "top Democrat", "Group"),
    ],
)
def test_no_person_is_made_up_from_a_description(body, name, kind):
    (a,) = attributions(body)
    assert (a.speaker.name, a.speaker.type.value) == (name, kind)


def test_the_company_stands_only_for_a_company_named_so():
    body = "The Federal Bureau of Investigation opened an inquiry. The company said it had done nothing wrong."
    (a,) = attributions(body)
    assert (a.sources[0].text, a.speaker) == ("The company", None)


def test_two_names_joined_by_and_are_a_group():
    (a,) = attributions("Jeb Bush and Chris Christie said the senator lacks experience.")
    assert (a.sources[0].text, a.speaker.type.value) == ("Jeb Bush and Chris Christie", "Group")


def test_a_clause_after_and_is_no_apposition():
    body = "Marco Rubio spoke. The Florida senator sought to calm his supporters, and took a heckler in stride, saying the person would be safe."
    (a,) = [a for a in attributions(body) if a.cue[0].text == "saying"]
    assert a.sources[0].text == "The Florida senator"


@pytest.mark.parametrize(
    "body,cue",
    [
        ("Bernie Sanders calls for a ban on fracking.", "calls for"),
        ("Bernie Sanders notes that the plan would fail.", "notes"),
    ],
)
def test_a_noun_form_after_a_name_is_a_verb(body, cue):
    (a,) = attributions(body)
    assert (a.cue[0].text, a.sources[0].text) == (cue, "Bernie Sanders")


def test_a_noun_form_after_a_name_stays_a_noun_if_it_mostly_is():
    assert attributions("The Southern states passed the law.") == []


@pytest.mark.parametrize("body", ["In another tweet, Donald Trump called Cruz a hypocrite.", "In a subsequent tweet, Donald Trump called Cruz a hypocrite."])
def test_a_cue_word_after_a_determiner_is_a_noun(body):
    assert [a.cue[0].text for a in attributions(body)] == ["called"]


@pytest.mark.parametrize(
    "body",
    [
        # the name before the dashes is the object of another verb, not the speaker
        "Trump attacked Hillary Clinton — again — saying she was weak on trade.",
        "Police arrested John Smith — a teacher from Ohio — says the report.",
    ],
)
def test_dashes_set_off_no_speaker_inside_a_clause(body):
    assert [a.speaker.name for a in attributions(body) if a.speaker] in ([], ["Trump"])


def test_a_promise_after_an_adjective_is_a_noun():
    assert attributions("The most telling promise Mrs. Clinton has made is that she will not overpromise.") == []


def test_a_described_thing_is_no_source():
    assert attributions("The plan has failed, saying nothing about the cost.") == []


@pytest.mark.parametrize(
    "body,cue",
    [
        ("Senator Jane Doe touted the bill as a victory for workers.", "touted"),
        ("Mayor John Smith condemned the attack as an act of cowardice.", "condemned"),
    ],
)
def test_verbs_of_praise_and_blame_are_cues(body, cue):
    (a,) = attributions(body)
    assert a.cue[0].text == cue


@pytest.mark.parametrize(
    "body,cue,source,content",
    [
        # a quotation belongs to the first cue after it, not to a later one
        ('"I never said that," Trump said, after Becky Quick said the rival had called him a puppet.', "said", "Becky Quick", "the rival had called him a puppet"),
        # words after the quotation that open with a preposition go with it; the speaker follows the cue
        ('"This will be a challenge" for Clinton, said Kunin.', "said", "Kunin", '"This will be a challenge"'),
        # "and Clinton said" opens a clause of its own
        ("At one point, a woman asked for a photo and Clinton said she was glad.", "asked", "a woman", "for a photo"),
        # an adverb of frequency belongs to the cue
        ("The senator sometimes added that the deal was bad.", "sometimes added", "The senator", "that the deal was bad"),
        # a quotation that goes on from the words before it is part of their clause
        ('Paul Ryan spoke. His remarks were "the textbook definition of a racist comment," Mr. Ryan said.',
         "said", "Mr. Ryan", 'His remarks were "the textbook definition of a racist comment,"'),
        # and so are words after it that go on with it, but not when or where it was said
        ('Paul Ryan spoke. "We don\'t teach anything" against homosexuality in the meetings, he said.',
         "said", "he", '"We don\'t teach anything" against homosexuality in the meetings'),
        ('Paul Ryan spoke. "We will win the state" on Tuesday, he said.', "said", "he", '"We will win the state"'),
        # only where and to whom after the cue: the content is before the comma
        ("Bill Schuette filed. Michigan was only doing what other states do, he told the court in his filing.",
         "told", "he", "Michigan was only doing what other states do"),
        # words that go on from a quotation right after the cue are part of what was said
        ("Bernie Sanders says “the wind is at our backs” despite his loss in Nevada.", "says", "Bernie Sanders",
         "“the wind is at our backs” despite his loss in Nevada"),
        ('Donald Trump said "we will win," and left.', "said", "Donald Trump", '"we will win,"'),
        # an aside about the speaker after a comma ends the content
        ("Jane Doe mentioned her ties to the faith, referring to her daughter.", "mentioned", "Jane Doe", "her ties to the faith"),
        # a clause after "and" is no speaker of the quotation before it
        ('She speaks of breaking "that glass ceiling" by being elected, and she often says that it is time.',
         "often says", "she", "that it is time"),
    ],
)
def test_cue_source_and_content_boundaries(body, cue, source, content):
    a = [a for a in attributions(body) if a.cue[0].text == cue][-1]
    assert ([s.text for s in a.sources], a.contents[0].text) == ([source], content)


def test_a_rejected_candidate_leaves_its_words_to_the_next_cue():
    # "call" in "roll call votes" names no one, so its would-be content keeps "he noted"
    a = attributions("Mr. Trump spoke. But during roll call votes, states are called alphabetically, he noted.")[-1]
    assert (a.cue[0].text, [s.text for s in a.sources]) == ("noted", ["he"])


def test_a_speaker_ending_the_sentence_is_not_part_of_an_earlier_content():
    body = "In Chicago, organizers added 160 guards along the route, up from 90 last year, the Sun-Times reported."
    a = next(a for a in attributions(body) if a.cue[0].text == "reported")
    assert ([s.text for s in a.sources], a.contents[0].text) == (["the Sun-Times"], body[: body.index(", the Sun")])


def test_a_colon_label_naming_no_one_leaves_the_sentence_to_its_cues():
    (a,) = attributions("Superdelegates: Clinton is backed by 520 of them, according to the Associated Press.")
    assert (a.cue[0].text, a.sources[0].text) == ("according to", "the Associated Press")


@pytest.mark.parametrize(
    "body,cue,content",
    [
        ("John Smith said on Tuesday that the economy is weak.", "said", "that the economy is weak"),
        ("John Smith said in an interview that the economy is weak.", "said", "that the economy is weak"),
        ("John Smith complained about the long lines at the polls.", "complained about", "the long lines at the polls"),
    ],
)
def test_cue_spans_as_annotated(body, cue, content):
    (a,) = attributions(body)
    assert (a.cue[0].text, a.contents[0].text) == (cue, content)


@pytest.mark.parametrize(
    "body,cue,source",
    [
        # the time words after the evidence are left out, as after any subject ("The budget office Tuesday estimated")
        ("New polls released Sunday showed Clinton taking a lead in the race.", "showed", "New polls released"),
        ("A Quinnipiac University poll this month found Mr. Trump about even with Mrs. Clinton.", "found", "A Quinnipiac University poll"),
        ("The budget office Tuesday estimated that the deficit would grow.", "estimated", "The budget office"),
        ("Exit polls taken in South Carolina found that most voters support a ban.", "found", "Exit polls taken in South Carolina"),
    ],
)
def test_evidence_qualified_after_its_noun(body, cue, source):
    (a,) = attributions(body)
    assert (a.cue[0].text, a.sources[0].text) == (cue, source)


@pytest.mark.parametrize(
    "body,source",
    [
        ("And surveys suggest that even some Republicans find him unlikable.", "surveys"),
        ("But the same polling suggests that Mr. Trump could do well.", "the same polling"),
        # and a person still suggests
        ("Senator Jane Doe suggested that the vote would fail.", "Senator Jane Doe"),
    ],
)
def test_evidence_or_people_suggest(body, source):
    (a,) = attributions(body)
    assert a.sources[0].text == source


def test_evidence_verbs_need_evidence():
    assert attributions("The police found the body in the river on Sunday.") == []


def test_but_officials_said_opens_another_attribution():
    body = "Jane Doe said she had talks with the office, but officials said those talks came later."
    assert [(a.sources[0].text, a.contents[0].text) for a in attributions(body)] == [
        ("Jane Doe", "she had talks with the office"), ("officials", "those talks came later")]


def test_an_adverb_in_s_is_no_group_that_speaks():
    (a,) = attributions('The ad said that Trump backs "tax cuts" and the procedure sometimes called a loophole.')
    assert a.contents[0].text == 'that Trump backs "tax cuts" and the procedure sometimes called a loophole'


def test_when_or_where_before_the_speaker_is_no_content():
    body = 'Jeb Bush spoke. In a speech last July, he said:\n\n"Let no one be mistaken, this is a cancer."'
    (a,) = attributions(body)
    assert a.contents[0].text == '"Let no one be mistaken, this is a cancer."'


def test_a_transcript_turn_is_one_claim():
    body = "Jane Doe spoke.\n\nDoe: Senator Sanders does not decide when we debate. He is running a negative campaign.\n\nNext."
    (a,) = [a for a in attributions(body) if a.cue[0].text == ":"]
    assert a.contents[0].text == "Senator Sanders does not decide when we debate. He is running a negative campaign"


def test_a_transcript_turn_stops_before_another_attribution():
    body = "Hillary Clinton spoke.\nClinton: The plan is a disaster for workers. Her critics, however, call it a success."
    (a,) = [a for a in attributions(body) if a.cue[0].text == ":"]
    assert a.contents[0].text == "The plan is a disaster for workers"


def test_a_quotation_goes_on_after_a_mixed_one():
    body = 'Jane Doe runs a club. Golf clubs are "just scratching out a profit," Ms. Doe said. "Golf is a hard business."'
    (a,) = attributions(body)
    assert [c.text for c in a.contents] == ['Golf clubs are "just scratching out a profit,"', '"Golf is a hard business."']


def test_a_quotation_goes_on_after_a_mixed_one_in_doubled_apostrophes():
    body = "Jane Doe runs a club. Golf clubs are ''just scratching out a profit,'' Ms. Doe said from her office. ''Golf is hard.''"
    (a,) = attributions(body)
    assert [c.text for c in a.contents] == ["Golf clubs are ''just scratching out a profit,''", "''Golf is hard.''"]


def test_a_paragraph_of_quotation_goes_on_from_the_speaker_before():
    body = '"I am the son of an immigrant," he said.\n\n"And I would note, try going illegally to another country."\n\nNext.'
    (a,) = attributions(body)
    assert [c.text for c in a.contents] == ['"I am the son of an immigrant,"', '"And I would note, try going illegally to another country."']


def test_a_paragraph_of_quotation_goes_on_after_the_rest_of_the_speakers_sentence():
    body = '"We like a lot of the candidates," Adelson said during the interview in Macau.\n\n"It is changing every day."\n\nNext.'
    (a,) = attributions(body)
    assert [c.text for c in a.contents] == ['"We like a lot of the candidates,"', '"It is changing every day."']


def test_a_paragraph_of_quotation_after_another_sentence_is_not_the_speakers():
    body = '"We will win this race," Donald Trump said. Clinton disagreed.\n"That is a lie and everyone knows it."'
    (a,) = attributions(body)
    assert [c.text for c in a.contents] == ['"We will win this race,"']


@pytest.mark.parametrize(
    "body,speakers",
    [
        # the words after the quotation are someone else's, or the writer's
        ("Donald Trump said “we will win” after aides had told him the race was over.", {"we will win": "Donald Trump"}),
        ("Donald Trump said “we will win,” a claim his rivals dispute.", {"we will win": "Donald Trump"}),
        ("Donald Trump said “we will win” then Ted Cruz told reporters he would fight.", {"we will win": "Donald Trump", "he would fight": "Ted Cruz"}),
    ],
)
def test_words_after_a_quotation_that_are_not_the_speakers(body, speakers):
    got = {c.text.strip("“”,"): a.speaker.name for a in attributions(body) if a.speaker for c in a.contents}
    assert {k: v for k, v in got.items() if k in speakers} == speakers
    assert all(("Trump" not in v) or k in speakers for k, v in got.items())


def test_a_quotation_goes_on_even_when_its_sentence_does():
    body = '"The key group is women," said Jane Doe, the party chair. "Clinton has to keep them" - a tall order.'
    (a,) = attributions(body)
    assert [c.text for c in a.contents] == ['"The key group is women,"', '"Clinton has to keep them"']


@pytest.mark.parametrize(
    "body,contents",
    [
        # a parenthetical source inside the clause: both sides are the content
        ("But the next day, according to Roffman, Trump made further demands.", ["the next day", "Trump made further demands"]),
        # a clause of its own after the source is not
        ("Clinton leads in the state by ten points, according to a new poll, which also shows Trump behind.",
         ["Clinton leads in the state by ten points"]),
    ],
)
def test_according_to_in_mid_sentence(body, contents):
    (a,) = [a for a in attributions(body) if a.cue[0].text == "according to"]
    assert [c.text for c in a.contents] == contents


def test_an_opening_word_before_according_to_is_no_content():
    (a,) = attributions("However, according to the report, the economy grew.")
    assert [c.text for c in a.contents] == ["the economy grew"]


def test_according_to_a_long_source():
    body = ("According to early results of exit polls conducted for The Associated Press and television networks "
            "by Edison Research, most voters in both states want change.")
    (a,) = attributions(body)
    assert (a.sources[0].text, a.contents[0].text) == (body[13 : body.index(",")], "most voters in both states want change")


def test_i_think_before_a_quantifier():
    (a,) = attributions("I think both Hillary and Bernie are basically on the same page.")
    assert (a.cue[0].text, a.contents[0].text) == ("think", "both Hillary and Bernie are basically on the same page")


def test_said_x_before_a_quotation():
    (a,) = attributions('Sam Solovey spoke. But, said Solovey, "I do not want to drum up conflict."')
    assert (a.sources[0].text, a.contents[0].text) == ("Solovey", '"I do not want to drum up conflict."')


def test_went_on_to_say():
    (a,) = attributions("Mike Pence spoke. He went on to say he is confident the party will unite.")
    assert (a.cue[0].text, a.speaker.name) == ("went on to say", "Mike Pence")


def test_said_x_opening_the_sentence():
    (a,) = attributions('James Comey spoke. Said Comey, "The thought that an error on our part is connected to this is painful."')
    assert (a.sources[0].text, a.speaker.name) == ("Comey", "James Comey")


def test_as_x_said_with_a_clause_after_takes_the_clause_after():
    body = "Pena Nieto met Trump, as Pena Nieto, contradicting Trump, said he had told Trump that Mexico would not pay."
    (a,) = attributions(body)
    assert a.contents[0].text == "he had told Trump that Mexico would not pay"


def test_as_reported_after_an_opening_adverb_takes_the_clause_after():
    (a,) = attributions("However, as POLITICO has reported, cases that led to charges were different.")
    assert (a.sources[0].text, a.contents[0].text) == ("POLITICO", "cases that led to charges were different")


def test_an_expectation_credited_to_no_one():
    (a,) = attributions("Obama is expected to join Clinton on the campaign trail soon.")
    assert (a.cue[0].text, a.sources, [c.text for c in a.contents]) == (
        "is expected", [], ["Obama", "to join Clinton on the campaign trail soon"])


def test_a_participle_after_an_inverted_cue_keeps_the_name_without_the_cue():
    body = "“It is a big deal,” said Tommy Vietor, a former spokesman for Mr. Obama, recalling a false report."
    a = next(a for a in attributions(body) if a.cue[0].text == "recalling")
    assert a.sources[0].text == "Tommy Vietor, a former spokesman for Mr. Obama,"


@pytest.mark.parametrize(
    "body,source",
    [
        ("Others, however, say a recalibration is needed.", "Others"),
        ("Brian Murphy, the county chairman, for example, said Trump would win.", "Brian Murphy, the county chairman"),
    ],
)
def test_an_aside_is_no_part_of_the_source(body, source):
    (a,) = attributions(body)
    assert a.sources[0].text == source


@pytest.mark.parametrize(
    "body,source",
    [
        # "one" opens a description of someone unnamed
        ("One former Podesta employee, speaking on condition of anonymity, said the deal was done.",
         "One former Podesta employee, speaking on condition of anonymity,"),
        # "who" standing for a share of those polled
        ("The poll was split, with 23 percent who said the server was improper.", "who"),
        # a share of those polled, with the words that qualify it
        ("More than six in 10 said they were tired of the campaign.", "More than six in 10"),
        ("Nearly eight in 10 Democratic voters said they had made up their minds.", "Nearly eight in 10 Democratic voters"),
        ("Two-thirds of Republicans said they want a new candidate.", "Two-thirds of Republicans"),
        ("Nearly half said they prefer someone with experience.", "Nearly half"),
        ("About a third said they prefer someone else.", "About a third"),
    ],
)
def test_unnamed_and_counted_sources(body, source):
    a = attributions(body)[-1]
    assert (a.cue[0].text, a.sources[0].text) == ("said", source)


def test_a_noun_ending_in_ly_stays_in_the_subject():
    (a,) = attributions("The family said the economy is weak.")
    assert (a.cue[0].text, a.sources[0].text) == ("said", "The family")


def test_extraction_is_deterministic_across_processes():
    """Set and dict order must not leak into the output: two processes with different hash seeds agree."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "kg", "extract", str(seeds)],
            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and "Kindratenko" in outputs.pop()


@pytest.mark.parametrize(
    "body,speaker",
    [
        # a particle inside the name
        ("''I've been rubbernecking this election,'' said Pierre de Vos, a professor in public law.", "Pierre de Vos"),
        # a title in lower case after a modifier
        ('"We have to keep it alive," said former secretary of state Hillary Clinton.', "Hillary Clinton"),
        # a title of several capitalised words before a name with a known given name
        ("Palm Beach County Supervisor of Elections Susan Bucher said independents cannot vote.", "Susan Bucher"),
        ('"People are angry," said Chicago Alderman Jason C. Ervin.', "Jason C. Ervin"),
        # but four names are one name
        ('"It was hard," said George Herbert Walker Bush.', "George Herbert Walker Bush"),
        # a role after an organisation's initials
        ('"Trump can win," said SEIU chief Mary Kay Henry.', "Mary Kay Henry"),
    ],
)
def test_names_in_less_common_shapes(body, speaker):
    (a,) = attributions(body)
    assert a.speaker is not None and a.speaker.name == speaker


@pytest.mark.parametrize(
    "body,speakers",
    [
        # "it" opening the sentence is what the clause is about, not who declared
        ("It was the candidate who launched his campaign by declaring that Mexican immigrants were criminals.", []),
        # a state or city is no one
        ("New York won a defense of its values, saying the city embodied the heart and soul of America.", []),
        # a country acts and fears
        ("Russia stayed out of the group, fearing it would become a tool for Chinese expansion.", ["Russia"]),
    ],
)
def test_a_participle_takes_a_subject_that_can_speak(body, speakers):
    assert [a.speaker.name for a in attributions(body) if a.speaker] == speakers


def test_a_participle_after_but_takes_the_subject_of_its_own_clause():
    body = "Trump pivoted to trade, but Wallace brought him back to Romney's attacks, asking Trump to share his views."
    assert [a.speaker.name for a in attributions(body) if a.cue[0].text == "asking"] == ["Wallace"]


@pytest.mark.parametrize(
    "body,sources",
    [
        # a verb and its object, cut from a relative clause, are no source
        ("The group, which released a statement Tuesday questioning whether the court was right, met again.", []),
        # "those who …" is a subject with its relative clause
        ("Of the voters, 27 percent of those who named a candidate said they could change their mind.", ["27 percent of those who named a candidate"]),
    ],
)
def test_sources_are_noun_phrases(body, sources):
    assert [" ".join(s.text for s in a.sources) for a in attributions(body)] == sources


@pytest.mark.parametrize(
    "body,cue,asker,content",
    [
        ("Sanders was asked by host Bill Maher whether he would endorse Clinton.", "was asked", "Bill Maher", "whether he would endorse Clinton"),
        ("In an interview that year, he was asked what happened to the black vote.", "was asked", None, "what happened to the black vote"),
        ("Blumenthal was asked, “Would you have objected to the server?”", "was asked", None, "“Would you have objected to the server?”"),
        ("Sanders was asked about their case during an interview.", "was asked about", None, "their case during an interview"),
        ('Clinton was asked by CNN\'s Jake Tapper on "State of the Union" whether she would debate.', "was asked", "Jake Tapper", "whether she would debate"),
    ],
)
def test_a_passive_question_is_the_askers_never_the_answerers(body, cue, asker, content):
    (a,) = attributions(body)
    assert (a.cue[0].text, a.speaker.name if a.speaker else None, a.contents[0].text) == (cue, asker, content)


@pytest.mark.parametrize("body", ["He was asked to leave the building.", "Smith was asked by police to leave the store when he began shouting at customers."])
def test_a_request_in_the_passive_is_no_attribution(body):
    assert attributions(body) == []


def test_a_noun_form_before_an_object_pronoun_is_a_verb():
    (a,) = attributions('Her chief policy aide, Jake Sullivan, calls her record a "blueprint" for how she would govern.')
    assert (a.cue[0].text, a.sources[0].text, a.speaker.name) == ("calls", "Her chief policy aide, Jake Sullivan,", "Jake Sullivan")


@pytest.mark.parametrize(
    "body",
    [
        "Yin Myint May, 60, a doctor, said she was elated but still feared the military.",
        "Pollster Ann Selzer is happy to be Iowa’s “silver standard,” says she warned about surprises.",
        "The network, which had promised to ignore him, said it would treat the Trump campaign as news.",
    ],
)
def test_a_clause_after_the_cue_is_never_its_speaker(body):
    assert all(not a.sources or a.sources[0].text.split()[0] not in ("she", "he", "it") for a in attributions(body))


@pytest.mark.parametrize(
    "body,source",
    [
        ('"Donald is an amazing leader," said the 46-year-old.', "the 46-year-old"),
        ('"It is fine," said a longtime adviser to Trump.', "a longtime adviser to Trump"),
        ('"There never was a stand-down order," said the base chief known as Bob.', "the base chief known as Bob"),
        ("Donald Trump’s campaign manager says he is gratified by the decision.", "Donald Trump’s campaign manager"),
        ('"We will win," said SEIU chief.', "SEIU chief"),
        ("People briefed on the move said that it reflected a crisis.", "People briefed on the move"),
        ("In Wisconsin, a story by the website Politco says that delegates are poised to break with him.", "a story by the website Politco"),
        ('"That assertion is speculative," the order released Friday said.', "the order released Friday"),
        ('"We are scared," one P&G Amiens employee told Reuters.', "one P&G Amiens employee"),
        # what a comma adds after the described subject stays in the source
        ('"It is hard enough," said the designer, who works for another brand at G-III.', "the designer, who works for another brand at G-III"),
    ],
)
def test_a_speech_verb_vouches_for_a_described_subject(body, source):
    (a,) = attributions(body)
    assert a.sources[0].text == source


@pytest.mark.parametrize(
    "body", ["In September she said her decision was a mistake.", "On Tuesday night he said it still posed a direct threat."]
)
def test_a_time_adjunct_before_a_pronoun_is_no_part_of_the_source(body):
    (a,) = attributions(body)
    assert [s.text for s in a.sources] in (["she"], ["he"])


def test_three_apostrophes_close_a_quotation_within_a_quotation_and_the_quotation():
    body = "''We are told all the time, 'Kosovo is a special case,''' Mr. Putin said. ''It is all lies.''"
    assert [q.text for q in quotations(body)][0].endswith("case,'''")
    (a,) = attributions(body)
    assert (a.speaker.name, a.contents[0].text) == ("Putin", "''We are told all the time, 'Kosovo is a special case,'''")


@pytest.mark.parametrize(
    "body,source",
    [
        # people named by what they do head a source of any cue (agent_nouns.txt)
        ("The four contenders agreed that the debate schedule should stay as it is.", "The four contenders"),
        # a focus adverb opening the sentence is no part of the source
        ("Even the organizer of a pro-Trump rally said the rules increased the chance of violence.", "the organizer of a pro-Trump rally"),
        # "now" between the subject and the cue is when, not who
        ("The budget office now says the reckoning will arrive sooner.", "The budget office"),
    ],
)
def test_more_people_as_sources(body, source):
    (a,) = attributions(body)
    assert a.sources[0].text == source


def test_a_plural_opening_the_sentence_before_a_speech_verb_is_a_group():
    x = extract(Article(id="t", body="Apple refused. Companies say that weakening the encryption would make users less safe."))
    (a,) = x.attributions
    assert (a.speaker.type, a.speaker.name) == (EntityType.GROUP, "companies")


def test_only_before_the_cue_belongs_to_the_cue():
    a = attributions("Mr. Rubio spoke. Rubio only briefly explained that he had changed his mind.")[-1]
    assert ([s.text for s in a.sources], a.cue[0].text) == (["Rubio"], "only briefly explained")


@pytest.mark.parametrize(
    "body,cue,source",
    [
        # verbs of saying vouch for a described subject, as "said" does (speech_verbs.txt)
        ("The editorial noted that the senator had changed his mind.", "noted", "The editorial"),
        ("The radioman pointed out that the station had never aired the ad.", "pointed out", "The radioman"),
        ("The affidavit cited several emails between the two men.", "cited", "The affidavit"),
        ("The crowd chanted “Lock her up!” as he spoke.", "chanted", "The crowd"),
        # "note" after an adjective is a noun
        ("On a more conciliatory note, Cameron has said Trump deserves respect.", "has said", "Cameron"),
    ],
)
def test_verbs_of_saying_vouch_for_their_subjects(body, cue, source):
    (a,) = attributions(body)
    assert (a.cue[0].text, a.sources[0].text) == (cue, source)


def test_a_verb_and_a_quantified_object_cut_from_a_clause_name_no_one():
    body = "He has banned various news organizations, including The Washington Post, from obtaining credentials, citing his anger at articles."
    assert all(a.sources[0].text.split()[0] != "banned" for a in attributions(body) if a.sources)


@pytest.mark.parametrize(
    "body",
    [
        "Employees picketed outside the company's stores, warehouses and call centers throughout the strike.",
        "Refugees come from the Middle East, with which France maintains close ties.",
        "Most Southern states that will hold contests March 1 have sizable minority populations.",
        "Late last month, the company wrote a detailed, six-page letter to Columbia's president.",
        "The film is a Hollywood fantasy, written and directed by Ethan and Joel Coen.",
        "In the past five years, we have added 1 million private sector jobs.",
        "With 30,000 immigrants expected this year, the country is bracing.",
        "She is an advocate for a progressive agenda at a time of growing worry over income inequality.",
        "Trump’s angry tweet came hours after the debate.",
        "His mid-morning tweet followed another that attacked Clinton.",
        "At one point the crowd reprised the caustic “Lock her up!” chant that echoed through the arena.",
        "The crowd shouted down the speaker.",
        "The campaign paid $332,000 to a company called Cambridge Analytica, which specializes in profiles.",
        'At one point the crowd loudly reprised the caustic chant "Lock her up!"',
        "Trump’s bold claim that he would win drew laughs.",
        "It hired a firm called Cambridge Analytica, and another called i360.",
    ],
)
def test_verbs_with_an_object_that_reports_nothing(body):
    assert attributions(body) == []


def test_a_letter_that_asks_is_still_written():
    (a,) = attributions("Phoenix Mayor Greg Stanton wrote a letter asking the Justice Department to investigate the fiasco.")
    assert a.speaker.name == "Greg Stanton"


def test_a_pronoun_in_a_relative_clause_is_not_the_sentences_speaker():
    body = 'Trump cited "Obama-Clinton" policies, which he said had harmed the economy.'
    assert all(a.sources[0].text != 'policies, which he' for a in attributions(body) if a.sources)


def test_a_one_word_aside_does_not_end_the_content():
    (a,) = [a for a in attributions("Mrs. Clinton said Wednesday she, too, wants a Justice Department inquiry.") if a.cue[0].text.startswith("said")]
    assert a.contents[0].text == "she, too, wants a Justice Department inquiry"


def test_both_x_and_y_do_not_end_the_content():
    a = attributions("Mr. Cruz said both he and Rubio promised as Senate candidates to lead the fight.")[0]
    assert a.contents[0].text == "both he and Rubio promised as Senate candidates to lead the fight"


def test_a_noun_form_after_and_does_not_end_the_content():
    (a,) = attributions("He said he and his staff were preparing models and plans to lay the groundwork for the next president.")
    assert a.contents[0].text.endswith("for the next president")


@pytest.mark.parametrize(
    "body",
    [
        'Senator Ted Cruz spoke in Houston. "In Washington, nobody listens," he said.',
        'Jeb Bush spoke to reporters. "Will Iowa vote for me? Maybe," he said.',
    ],
)
def test_a_word_opening_a_quotation_is_no_speaker(body):
    assert [a.speaker.name for a in extract(Article(id="t", body=body)).attributions] == ["Ted Cruz" if "Cruz" in body else "Jeb Bush"]


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("Clinton’s rival, Bernie Sanders, said the system was rigged.", "Bernie Sanders"),
        ("The FBI agent, Peter Strzok, said the probe was fair.", "Peter Strzok"),
        ("A former employee, Jane Doe, said the firm lied.", "Jane Doe"),
    ],
)
def test_a_role_then_a_name_in_apposition_credits_the_name(body, speaker):
    (a,) = attributions(body)
    assert a.speaker.name == speaker


def test_a_name_before_a_head_noun_is_not_the_clause_subject():
    body = "Clinton spoke for an hour, but Trump supporters outside the hall booed, chanting “Lock her up.”"
    assert all(a.speaker is None or a.speaker.name != "Trump" for a in attributions(body))


def test_a_tweet_after_an_adjective_is_a_noun_that_can_say():
    (a,) = attributions("Trump’s late-night tweet said the media was dishonest.")
    assert (a.cue[0].text, a.sources[0].text) == ("said", "Trump’s late-night tweet")


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("The talks were tense. Reuters says the talks collapsed.", (EntityType.OUTLET, "Reuters")),
        ("The race is on. Sanders says the system is rigged.", None),  # a surname: not a group of sanders
        ("Perhaps says it all.", None),
    ],
)
def test_only_plurals_of_people_opening_a_sentence_become_groups(body, speaker):
    found = [(a.speaker.type, a.speaker.name) for a in extract(Article(id="t", body=body)).attributions if a.speaker]
    assert found == ([speaker] if speaker else [])


def test_critics_note_is_a_cue_and_vs_ends_no_sentence():
    (a,) = attributions("The problem, critics note, is that the plan fails.")
    assert (a.cue[0].text, a.sources[0].text) == ("note", "critics")
    (b,) = attributions("Jones vs. Her Majesty’s Government was decided in 1998, the lawyer said.")
    assert b.contents[0].text == "Jones vs. Her Majesty’s Government was decided in 1998"


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("People close to Mr. Trump said he was angry.", "People close to Mr. Trump"),
        ("Sources close to the president said the plan was dead.", "Sources close to the president"),
        ("Aides to the former secretary of state said she would run.", "Aides to the former secretary of state"),
        ("Supporters of former president Bill Clinton said he was misunderstood.", "Supporters of former president Bill Clinton"),
        ("An adviser to Hillary Clinton said she would win.", "adviser to Hillary Clinton"),
        ("Aides to Sen. Ted Cruz said he would stay.", "Aides to Sen. Ted Cruz"),
        ("A consultant to Jeb Bush said the race was over.", "consultant to Jeb Bush"),
        ("Critics of President Obama said it was weak.", "Critics of President Obama"),
        ("A spokesman for President Obama said the plan was ready.", "spokesman for President Obama"),
        ("Several senior Democrats with longtime ties to both Clintons cited the polls.", "Several senior Democrats with longtime ties to both Clintons"),
    ],
)
def test_those_close_to_someone_are_not_that_someone(body, speaker):
    (a,) = attributions(body)
    assert (a.speaker.type, a.speaker.name) == (EntityType.GROUP, speaker)


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("Department of Homeland Security Secretary Jeh Johnson said the threat was low.", "Jeh Johnson"),
        ("Fight for $15 organizing director Kendall Fells told reporters the strike would go on.", "Kendall Fells"),
        ('"This party is united," Jeff Sessions, an adviser to Trump, said.', "Jeff Sessions"),
    ],
)
def test_a_preposition_inside_a_name_keeps_the_official(body, speaker):
    (a,) = attributions(body)
    assert a.speaker.name == speaker


def test_the_one_asked_does_not_share_the_askers_source():
    found = attributions("Cruz was asked by Megyn Kelly whether he would support Trump, and said he would.")
    assert [(a.cue[0].text, a.speaker.name if a.speaker else None) for a in found] == [("was asked", "Megyn Kelly")]


def test_the_answer_after_a_question_is_not_more_of_the_question():
    (a,) = attributions('Blumenthal was asked, "Did you know?" He answered, "I have no idea."')
    assert [c.text for c in a.contents] == ['"Did you know?"']


def test_an_asker_that_names_no_one_is_left_out():
    (a,) = attributions("She was asked by phone whether she would run.")
    assert (a.sources, a.contents[0].text) == ([], "whether she would run")


def test_a_chamber_of_commerce_is_an_organisation():
    (a,) = extract(Article(id="t", body="The Hollywood Chamber of Commerce has announced that the star will stay.")).attributions
    assert (a.speaker.type, a.speaker.name) == (EntityType.ORGANIZATION, "Hollywood Chamber of Commerce")


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("Council on Foreign Relations President Richard Haass said the war was over.", "Richard Haass"),
        ("A memo to President Trump said the plan was ready.", "A memo to President Trump"),
    ],
)
def test_a_name_inside_an_organisation_or_after_a_memo_to(body, speaker):
    assert [a.speaker.name for a in attributions(body)] == [speaker]


@pytest.mark.parametrize(
    "body,source",
    [("The two men claim the vote was rigged.", "The two men"), ("The police claim the driver fled.", "The police"), ("Another called the plan a disaster.", "Another")],
)
def test_plurals_without_s_and_another_still_speak(body, source):
    (a,) = attributions(body)
    assert a.sources[0].text == source


@pytest.mark.parametrize("body", ["Another Muslim said he heard Mateen talk.", "Some Democrats said the plan would fail."])
def test_a_quantified_capitalised_subject_is_a_group_not_a_person(body):
    (a,) = attributions(body)
    assert a.speaker.type is EntityType.GROUP


@pytest.mark.parametrize(
    "text,possessive",
    [("Fox News' Chris Wallace", "'s"), ("the Europeans’ hostility", "’s"), ("Mocked ‘Queers’ Who", None), ("the show 'Hours' is", None)],
)
def test_a_plurals_apostrophe_is_a_possessive_unless_it_closes_a_quotation(text, possessive):
    marks = [t.text for t in tokenize(text) if t.text[0] in "'’"]
    assert (possessive in marks) if possessive else marks.count("'s") + marks.count("’s") == 0


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("He was asked by Fox News' Chris Wallace whether he would accept the result.", "Chris Wallace"),
        ("“It is over,” Democracy Corps’ Stan Greenberg said.", "Stan Greenberg"),
    ],
)
def test_a_name_after_a_plurals_possessive_is_the_speaker(body, speaker):
    (a,) = attributions(body)
    assert (a.speaker.name, a.speaker.type) == (speaker, EntityType.PERSON)


@pytest.mark.parametrize(
    "body,speaker,role",
    [
        ("New York Yankees Derek Jeter said he would retire after the season.", EntityType.PERSON, None),
        ("Fox News Sean Hannity said the race was close.", EntityType.PERSON, None),
        ("Palm Beach County Supervisor of Elections Susan Bucher said the count was done.", EntityType.OFFICIAL, "Palm Beach County Supervisor of Elections"),
        ("Breitbart News’ Washington Political Editor Matthew Boyle said the race was close.", EntityType.OFFICIAL, "Washington Political Editor"),
    ],
)
def test_a_team_or_body_before_a_name_is_no_title(body, speaker, role):
    (a,) = attributions(body)
    assert (a.speaker.type, a.speaker.role) == (speaker, role)


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("“We will win,” Kellyanne Conway, a spokeswoman for Trump, said.", "Kellyanne Conway"),
        ("''We may see wage gains,'' the economist Jared Bernstein, a former adviser in the Obama White House, wrote.", "Jared Bernstein"),
        ("Greg Raiff, chief executive officer of Private Jet Services, an aviation consulting firm, said the jet was unusual.", "Greg Raiff"),
        ("Addressing members, many of them skeptical about Mr. Trump, the campaign chief, Paul Manafort, suggested that it was an act.", "Paul Manafort"),
        ("Speaking to CNN Tuesday, his campaign manager, Jeff Weaver, said the race was close.", "Jeff Weaver"),
    ],
)
def test_the_name_in_an_apposition_is_the_speaker_not_the_role(body, speaker):
    (a,) = attributions(body)
    assert a.speaker.name == speaker


def test_a_name_after_in_addition_to_is_not_the_speaker_of_the_clause():
    body = "In addition to Mr. Regalado, two Republican members of Congress from Florida, Ileana Ros-Lehtinen and Carlos Curbelo, have said they will not back Mr. Trump."
    assert all(a.speaker is None or "Regalado" not in a.speaker.name for a in attributions(body))


def test_a_pronoun_does_not_resolve_to_a_name_inside_its_own_quotation():
    body = "Martin Kaplan runs the center. So is there anything Mr. Kaplan would like to see rebooted?\n\n'''College Bowl,''' he replied."
    assert attributions(body)[-1].speaker.name == "Martin Kaplan"


def test_a_pronoun_resolves_to_a_name_of_its_sex():
    body = "Dorothy Woods, whose husband, Navy SEAL Ty Woods, was killed in Benghazi, spoke on Thursday. “First and foremost,” she told Hewitt, “I would never wish it on anyone.”"
    assert attributions(body)[-1].speaker.name == "Dorothy Woods"


def test_past_a_name_of_the_other_sex_only_a_name_of_the_pronouns_sex_will_do():
    body = "Voters went to the polls on Super Tuesday. Donald Trump spoke first. “We will see,” she said."
    assert attributions(body)[-1].speaker is None


@pytest.mark.parametrize("body", ["Donald Trump’s victory said a lot about the country.", "Talks say little about the outcome.", "His silence said volumes about his plans."])
def test_saying_an_amount_about_something_is_figurative_without_a_speaker(body):
    assert attributions(body) == []


@pytest.mark.parametrize(
    "body,source",
    [
        ("Bernie Sanders said little about how he would pay for it.", "Bernie Sanders"),
        ("The report says little about the costs.", "The report"),
        ("Voters say a lot about the candidates.", "Voters"),
        ("Bernie Sanders pledged to rid the world of the group but said little about how he would do it.", "Bernie Sanders"),
    ],
)
def test_people_and_documents_saying_little_about_something_still_speak(body, source):
    assert [a.sources[0].text for a in attributions(body)][-1:] == [source]


@pytest.mark.parametrize(
    "body,speaker",
    [
        (
            "Dorothy Woods spoke out. Dorothy Woods, whose husband, Navy SEAL Ty Woods, was killed in Benghazi, called in. Woods said she does not agree.",
            "Dorothy Woods",
        ),
        ("Hillary Clinton spoke first. Bill Clinton spoke next. Mrs. Clinton said the plan would work.", "Hillary Clinton"),
        ("Donald Trump spoke at a rally. He later went to Trump Tower. Trump said the plan would work.", "Donald Trump"),
    ],
)
def test_a_surname_resolves_to_the_person_the_article_names_with_it(body, speaker):
    assert attributions(body)[-1].speaker.name == speaker


def test_an_honorific_before_two_names_is_a_group():
    (a,) = attributions("Mr. Trump and Bill Clinton said the deal was fair.")
    assert (a.speaker.type, a.speaker.name) == (EntityType.GROUP, "Mr. Trump and Bill Clinton")


def test_a_coordinated_cue_after_a_clause_with_its_own_subject_is_not_the_sentence_openers():
    body = "Guests are given color-coded tickets, and military social aides are on hand to move them through, take their names and announce the guests when it is their turn."
    assert attributions(body) == []


def test_a_coordinated_cue_goes_on_with_the_sentence_subject():
    (a,) = attributions("Donald Trump often takes full credit for the wall, and has promised that Mexico will pay.")
    assert a.speaker.name == "Donald Trump"


@pytest.mark.parametrize(
    "body,speaker",
    [
        ("Mr. Rubio and Senator Ted Cruz said the vote was rigged.", "Mr. Rubio and Senator Ted Cruz"),
        ("Former Gov. and Democratic National Committee Chairman Ed Rendell said the vote was fair.", "Ed Rendell"),
        ("The Department of Health and Human Services said the rule was final.", "Department of Health and Human Services"),
    ],
)
def test_a_name_and_a_title_opening_another_are_two_people(body, speaker):
    assert [a.speaker.name for a in attributions(body)] == [speaker]


def test_a_weekday_after_a_name_is_when_not_part_of_the_name():
    body = "Rep. Sean Duffy spoke when introducing Pence Thursday. “Maybe not literally,” he said."
    assert attributions(body)[-1].speaker.name == "Sean Duffy"


@pytest.mark.parametrize("place", ["Wall Street", "the Middle East", "the Islamic State", "the Affordable Care Act", "Social Security", "the Keystone Pipeline"])
def test_a_name_ending_like_a_place_or_a_law_is_no_one_he_stands_for(place):
    body = f"Donald Trump spoke at a rally. He attacked {place} again. “We will win,” he said."
    assert attributions(body)[-1].speaker.name == "Donald Trump"


def test_a_name_opened_by_a_given_name_stays_a_person_whatever_its_end():
    (a,) = attributions("Adam West said the show would return.")
    assert a.speaker.type is EntityType.PERSON


@pytest.mark.parametrize(
    "body,role",
    [
        ("“We will win,” Kellyanne Conway, a spokeswoman for Trump, said.", "spokeswoman"),
        ("“It is over,” William M. Daley, President Obama's former chief of staff, said.", None),
        ("Brett H. McGurk, President Obama's envoy, said the war was over.", None),
    ],
)
def test_a_quotation_speakers_apposition_gives_the_role_but_not_anothers_title(body, role):
    (a,) = attributions(body)
    assert a.speaker.role == role


@pytest.mark.parametrize("opener", ["Despite", "Then", "Interestingly", "Following"])
def test_a_word_opening_the_sentence_is_no_part_of_the_name_after_it(opener):
    body = f"Senator Ted Cruz spoke in Iowa. {opener} Cruz won a few votes. Cruz said the race was close."
    assert attributions(body)[-1].speaker.name == "Ted Cruz"


@pytest.mark.parametrize(
    "body,name,role",
    [
        ("Republican Donald Trump said the race was close.", "Donald Trump", "republican"),
        ("Comedian Sarah Silverman said the race was close.", "Sarah Silverman", "comedian"),
    ],
)
def test_a_capitalised_description_before_a_full_name_is_a_role(body, name, role):
    (a,) = attributions(body)
    assert (a.speaker.name, a.speaker.role) == (name, role)


def test_a_surname_opening_a_clause_is_a_mention_a_pronoun_resolves_to():
    body = (
        "Ted Cruz spoke in Iowa. Donald Trump spoke in Ohio. Cruz spokeswoman Catherine Frazier said the claim was false. "
        "Cruz has supported more visas. He has also called for doubling the caps on green cards."
    )
    assert attributions(body)[-1].speaker.name == "Ted Cruz"


@pytest.mark.parametrize("middle", ["Maloy said he backs candidates endorsing Trump.", "Maloy said the onus is on Trump to lead."])
def test_a_surname_after_a_verb_or_preposition_is_no_antecedent(middle):
    body = f"Joe Maloy spoke in Concord. Donald Trump spoke in Ohio. {middle} “Any candidate I can respect, I will stand next to,” he said."
    assert attributions(body)[-1].speaker.name == "Joe Maloy"


def test_a_weekday_alone_after_a_sentence_opener_is_no_one():
    body = "Barack Obama spoke to reporters. On Friday, Obama took a lighter tone, still calling out the Republicans while reveling in the recovery. “We should be proud,” he said."
    assert [a.speaker.name for a in attributions(body)] == ["Barack Obama", "Barack Obama"]


@pytest.mark.parametrize(
    "body,content",
    [
        ("Norton, which declined to comment, returned the publication rights to Mr. Hurt.", "to comment"),
        ("Norton, which said it was reviewing the matter, has returned the publication rights.", "it was reviewing the matter"),
    ],
)
def test_a_relative_clause_ends_before_the_verb_of_its_sentence(body, content):
    """What 'which'/'who' said stops at the comma closing the relative clause, not at the sentence's end."""
    (a,) = attributions(body)
    assert a.contents[0].text == content


def test_an_aside_inside_a_relative_clause_is_no_end():
    (a,) = attributions("Rubio, who said that the two men, and Cruz in particular, must do more, spoke on Sunday.")
    assert a.contents[0].text.startswith("that the two men, and Cruz in particular, must do more")


def test_a_quantifier_alone_is_no_entity_a_claim_mentions():
    found = extract(Article("q", '"Most likely, after heavy losses, they withdrew," Kindratenko stated. Many said it was over.'))
    assert "Most" not in {entity.name for entity in found.entities}
    assert [a.speaker.name for a in found.attributions] == ["Kindratenko", "Many"]  # as a source it is a group


@pytest.mark.parametrize(
    "body,name,role",
    [
        ("The minister said the bridge would reopen on Monday.", "minister", "minister"),
        ("The bridge would reopen on Monday, the mayor said.", "mayor", "mayor"),
        ("The bridge would reopen soon, a senior official said.", "senior official", "senior official"),
        ("The bridge was closed, the spokesman said.", "spokesman", "spokesman"),
        ("The prime minister said the bridge would reopen.", "prime minister", "prime minister"),
        ("One shipping executive said rates would rise.", "One shipping executive", "shipping executive"),
    ],
)
def test_an_official_the_article_does_not_name_is_an_unnamed_source_with_the_role(body, name, role):
    found = extract(Article(id="t", body=body))
    (a,) = found.attributions
    assert (a.speaker.type, a.speaker.name, a.speaker.role) == (EntityType.GROUP, name, role)
    assert a.speaker.key.startswith("group/t/")  # kept per article, as unnamed groups are


def test_the_role_resolves_to_the_official_named_with_it_but_a_new_one_does_not():
    body = "Mayor Tom Lee opened the bridge. The mayor said funds were short. City official Ann Poe agreed. A senior official said the bridge was safe."
    mayor, official = attributions(body)
    assert (mayor.speaker.name, mayor.speaker.role) == ("Tom Lee", "Mayor")
    # "a senior official" is someone new, not the official named before
    assert (official.speaker.type, official.speaker.role) == (EntityType.GROUP, "senior official")


@pytest.mark.parametrize(
    "body",
    [
        # the article names someone with the role, though coref cannot tie the words to him
        "Sergei Lavrov, Russia's foreign minister, met the envoy on Monday. Later in the week, after many meetings, the minister said talks went well.",
        # a person named just before may be whom "the senator" stands for
        "Bernie Sanders spoke in Iowa. The senator said the system was rigged.",
    ],
)
def test_an_official_who_may_be_a_person_named_is_no_unnamed_source(body):
    assert attributions(body)[-1].speaker is None


def test_the_role_does_not_reach_past_a_person_without_one_who_opens_an_earlier_sentence():
    body = (
        "Sen. Bernie Sanders spoke in Iowa.\n"
        "Marco Rubio spoke to volunteers in Manchester. Walking into the office, the senator said his campaign was strong."
    )
    assert attributions(body)[-1].speaker is None


@pytest.mark.parametrize(
    "body,name,role,title",
    [
        ("Fire chief Maria Gomez said the blaze was contained.", "Maria Gomez", "fire chief", None),
        ("Cruz spokeswoman Catherine Frazier said the claim was false.", "Catherine Frazier", "cruz spokeswoman", None),
        ("Governor Jared Polis said the state would help.", "Jared Polis", "Governor", "Governor"),
        ("Gov. Jared Polis said the state would help.", "Jared Polis", "Governor", "Gov."),
        ("Secretary of State John Kerry said the talks were useful.", "John Kerry", "Secretary of State", "Secretary of State"),
        # a rank is a title, no office
        ("General Mark Milley said the base was safe.", "Mark Milley", None, "General"),
        ("Lt. Col. John Smith said the base was safe.", "John Smith", None, "Lt. Col."),
        # a place is no part of the role, nor is whoever comes before "and"
        ("New Jersey Gov. Chris Christie said the vote was close.", "Chris Christie", "Governor", "Gov."),
        ("Christie and Ohio Gov. John Kasich said the vote was close.", "John Kasich", "Governor", "Gov."),
        ("GOP Sen. John McCain said the vote was close.", "John McCain", "gop senator", "Sen."),
    ],
)
def test_the_role_before_a_name_is_the_whole_office(body, name, role, title):
    (a,) = attributions(body)
    assert (a.speaker.name, a.speaker.role, a.speaker.title) == (name, role, title)


@pytest.mark.parametrize(
    "body,role,body_name",
    [
        ("A spokeswoman for the Port Authority, Marieke Jansen, said the port was closed.", "spokeswoman", "Port Authority"),
        ("A spokeswoman for the port authority, Marieke Jansen, said the port was closed.", "spokeswoman", None),
        ("“The port is closed,” a spokeswoman for the Port Authority, Marieke Jansen, said.", "spokeswoman", "Port Authority"),
        ("“The port is closed,” said a spokeswoman for the Port Authority, Marieke Jansen.", "spokeswoman", "Port Authority"),
        ("Her chief policy aide, Jake Sullivan, said the plan was ready.", "chief policy aide", None),
        ("Clinton's spokesman, Brian Fallon, said the email was fine.", "spokesman", None),
    ],
)
def test_a_role_before_the_name_in_apposition_is_the_names_role(body, role, body_name):
    found = extract(Article(id="t", body=body))
    (a,) = found.attributions
    assert a.speaker.name in ("Marieke Jansen", "Jake Sullivan", "Brian Fallon")
    assert (a.speaker.type, a.speaker.role) == (EntityType.OFFICIAL, role)
    names = {e.key: e.name for e in found.entities}
    speaks_for = [names[r.object] for r in found.relations if r.subject == a.speaker.key and r.predicate == "spokespersonFor"]
    assert speaks_for == ([body_name] if body_name else [])


def test_an_unnamed_spokesperson_speaks_for_the_body_named_after_for():
    found = extract(Article(id="t", body="A spokesman for the Pentagon said the strike was legal."))
    (a,) = found.attributions
    names = {e.key: e.name for e in found.entities}
    assert (a.speaker.type, a.speaker.role) == (EntityType.GROUP, "spokesman")
    assert [(r.predicate, names[r.object]) for r in found.relations if r.subject == a.speaker.key] == [("spokespersonFor", "Pentagon")]


@pytest.mark.parametrize(
    "state,speaker",
    [("Ohio", "John Kasich"), ("Florida", "Jeb Bush"), ("Texas", None)],
)
def test_a_qualified_role_resolves_only_to_an_official_named_with_the_qualifier(state, speaker):
    body = f"Ohio Gov. John Kasich and former Florida Gov. Jeb Bush met voters on Sunday.\nThe {state} governor said the race was open."
    a = attributions(body)[-1]
    assert (a.speaker.name if a.speaker else None) == speaker


def test_a_qualified_role_that_may_stand_for_someone_named_is_no_unnamed_group():
    body = "President Obama met Francois Hollande in Paris. The French president said the talks went well."
    assert attributions(body)[-1].speaker is None


def test_a_source_described_by_a_relative_clause_is_the_source_not_the_content():
    (a,) = attributions("A hospital administrator, who asked not to be named, said some emergency rooms were diverting ambulances.")
    assert (a.speaker.name, [c.text for c in a.contents]) == ("hospital administrator", ["some emergency rooms were diverting ambulances"])


@pytest.mark.parametrize("body", ["Arturo Ruiz, who led the embassy, once said Mexico must rebut the claims.",
                                  "Nobody knew it then, said some emergency rooms were diverting ambulances."])
def test_a_clause_after_an_inverted_cue_is_no_speaker(body):
    assert all(a.speaker is None or "must" not in a.speaker.name and "were" not in a.speaker.name for a in attributions(body))


def test_a_body_a_country_owns_is_that_country_s():
    russian, ukrainian = (attributions(f"{owner}'s Defense Ministry said the village was taken.")[0].speaker for owner in ("Russia", "Ukraine"))
    assert (russian.name, ukrainian.name) == ("Russian Defense Ministry", "Ukrainian Defense Ministry") and russian.key != ukrainian.key
    (same,) = attributions("The Russian Defense Ministry said the village was taken.")
    assert same.speaker.key == russian.key  # however the article writes it
    assert attributions("Fox's Chris Wallace said the debate was over.")[0].speaker.name == "Chris Wallace"


def test_a_company_is_no_one_a_pronoun_stands_for():
    body = ('"We followed every rule," said Tom Becker, a spokesman for Becker Logistics, which owns the building. '
            "He said the company was cooperating with investigators.")
    assert [a.speaker.name for a in attributions(body)] == ["Tom Becker", "Tom Becker"]


@pytest.mark.parametrize(("body", "name", "role"), [
    ("Health Commissioner Priya Nair said the clinics were full.", "Priya Nair", "health commissioner"),
    ("Councilwoman Linda Park said the vote was close.", "Linda Park", "Councilwoman"),
    ("Surgeon General Jerome Adams said masks help.", "Jerome Adams", "Surgeon General"),
])
def test_local_and_health_offices_are_titles(body, name, role):
    (a,) = attributions(body)
    assert (a.speaker.name, a.speaker.type, a.speaker.role) == (name, EntityType.OFFICIAL, role)


@pytest.mark.parametrize(("body", "channel"), [
    ("In an op-ed in The Washington Post, Jerome Adams wrote that masks help.", "The Washington Post"),
    ("On Telegram, the commander said the bridge was hit.", "Telegram"),
    ("In an interview with Reuters, Jerome Adams said that masks help.", "Reuters"),
])
def test_a_channel_in_a_phrase_opening_the_sentence(body, channel):
    (a,) = attributions(body)
    assert [c.name for c in a.channels] == [channel]


def test_a_place_opening_the_sentence_is_no_channel():
    (a,) = attributions("In Washington, officials said the talks were over.")
    assert a.channels == []


def test_a_quotation_inside_what_was_said_is_not_said_again():
    body = ('Dr. Ada Okafor said hospitals were "near capacity" in three counties. '
            '"We are seeing more children than usual," Okafor said.')
    assert [[c.text for c in a.contents] for a in attributions(body)] == [
        ['hospitals were "near capacity" in three counties'], ['"We are seeing more children than usual,"']]


@pytest.mark.parametrize(("body", "role"), [("Local resident Ana Ruiz said the water was brown.", "resident"),
                                            ("His wife Gabriela Lazar said he was home.", "wife")])
def test_a_lay_role_is_kept_but_makes_no_official(body, role):
    (a,) = attributions(body)
    assert (a.speaker.type, a.speaker.role) == (EntityType.PERSON, role)


@pytest.mark.parametrize(("body", "name"), [("Union leader Pieter de Vries said the strike would go on.", "Pieter de Vries"),
                                            ("Dutch minister Ank van der Berg said the dikes held.", "Ank van der Berg")])
def test_a_name_with_a_particle_after_a_role(body, name):
    (a,) = attributions(body)
    assert (a.speaker.name, a.speaker.type) == (name, EntityType.OFFICIAL)


def test_a_document_made_by_someone_is_theirs():
    (a,) = attributions("The risk is rising, according to a forecast published by the Centers for Disease Control and Prevention.")
    assert (a.speaker.name, a.speaker.type) == ("Centers for Disease Control and Prevention", EntityType.ORGANIZATION)


@pytest.mark.parametrize(("body", "channels"), [
    ("Tom Olsen told local radio station WSPF that detours would add 20 minutes.", ["WSPF"]),
    ("Jane Holt told the local paper that the bridge would reopen.", []),
])
def test_an_outlet_described_before_its_name_is_a_channel_and_no_content(body, channels):
    (a,) = attributions(body)
    assert ([c.name for c in a.channels], a.contents[0].text[:5]) == (channels, "that ")


def test_a_name_after_a_media_noun_is_an_outlet():
    (a,) = attributions("The Israeli newspaper Haaretz noted that the officials would not meet him.")
    assert (a.speaker.name, a.speaker.type) == ("Haaretz", EntityType.OUTLET)
