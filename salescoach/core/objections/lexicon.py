"""The built-in thesaurus of how buyers voice doubts, which a playbook's `synonyms` extend.

Buyers rarely use a playbook's words: "there's nothing left in the pot" is about money, "run it
past the partners" about who decides. Each entry below is a concept (a group of words and
phrases meaning the same thing here) inside a broader topic. A word emits its concept and its
topic as extra features, in the playbook's example phrasings and in what the rep types alike,
so the matcher learns from the playbook which family a concept belongs to: the thesaurus says
"these words mean the same", never "this word means price". Multi-word entries use `_` for a
space. The words are general English about selling, not any one playbook's wording.
"""

from __future__ import annotations

TOPICS: dict[str, dict[str, str]] = {
    "money": {
        "cost": """price prices pricing priced cost costs costly expensive expense pricey steep
            overpriced dear premium markup rip_off arm_and_a_leg break_the_bank highway_robbery
            price_tag sticker_shock fortune figure ballpark quote quotes rate rates fee fees
            charge charges subscription license licence per_seat per_user per_month""",
        "budget": """budget budgets money cash funds funding afford affordable spend spending
            pay paying paid wallet pot investment roi payback return cash_flow overhead capex
            opex margin margins broke tight_budget money_is_tight cost_cutting cutbacks""",
        "amount": "dollar dollars bucks grand thousand thousands million k hundred euros pounds",
        "discount": """discount discounts cheaper cheap bargain deal wiggle_room flex knock_off
            percent_off lower_price better_price best_price negotiate sharpen_your_pencil""",
    },
    "later": {
        "later": """later revisit postpone postponed delay delayed wait hold on_hold pause
            circle_back reach_out call_back check_back touch_base reconnect follow_up_later
            get_back_to future eventually someday not_now not_yet not_right_now
            not_at_the_moment not_this_week not_this_month not_this_quarter not_this_year
            not_today not_for_now back_burner on_ice shelve shelved park parked timing bad_time
            wrong_time not_a_good_time try_me ping_me ring_me call_me come_back pop_back
            pick_this_up pick_it_up pick_this_back_up pick_up_again
            calm_down settle settles quieter ask_me_again try_me_again""",
        "busy": """busy slammed swamped hectic bandwidth priorities plate overloaded stretched
            underwater buried flat_out heads_down rush crunch chaos crazy deadline deadlines
            reorg restructuring merger acquisition hiring_freeze spending_freeze freeze_on
            launch""",
    },
    "decider": {
        "boss": """boss bosses manager managers director directors vp ceo cfo cto cio coo gm
            owner owners founder founders cofounder co_founder partner partners board
            committee leadership head_office headquarters hq corporate parent_company
            procurement purchasing finance_team higher_ups exec execs executive
            executives superior wife husband spouse stakeholders decision_maker""",
        "approve": """approve approval approvals approved sign_off signoff signs_off decide
            decision decisions decides vote veto permission authorise authorize greenlight
            buy_in say_so not_my_call not_my_decision up_to_me pay_grade run_it_by run_it_past
            run_this_by run_this_past check_with loop_in consensus mandate make_that_call
            makes_that_call make_the_call makes_the_call not_the_one final_say last_word""",
    },
    "need": {
        "need": """necessary necessity require requirement requirements essential must_have
            don't_need no_need need_it need_this need_that need_one need_another""",
        "useless": """useless pointless irrelevant overkill unnecessary no_use no_point luxury
            gimmick nice_to_have bells_and_whistles more_than_we_need not_relevant
            does_not_apply not_for_us what_for not_a_problem no_problem""",
        "size": "small tiny big large enterprise size too_small too_big solo",
    },
    "rival": {
        "rival": """competitor competitors competition rival rivals alternative alternatives
            vendor vendors provider providers supplier suppliers another_company other_company
            someone_else other_guys incumbent other_vendor another_vendor other_tool
            another_tool other_solution another_solution other_option free_version free_tool
            open_source""",
        "evaluate": """compare comparing comparison shortlist evaluate evaluating evaluation
            options looking_at talking_to trial proposal proposals bid bids rfp tender
            going_with went_with signed_with chose picked decided_on already_use already_using
            already_have bake_off pilot poc proof_of_concept""",
        "diy": """in_house inhouse homegrown home_grown built_our_own build_our_own ourselves
            internal_tool own_tool our_own built_in comes_with included_with bundled native""",
    },
    "habit": {
        "content": """satisfied content happy_with fine_as_it_is fine_as_they_are happy_as_we_are
            happy_where_we_are comfortable_with pleased_with good_enough no_complaints
            no_issues does_the_job do_the_job gets_the_job_done ain't_broke not_broken
            what_we_have what_we_have_got what_i_have what_i_have_got what_we_use
            works_fine works_for_us works_well the_way_it_is the_way_they_are as_things_are
            good_as_is fine_as_is running_smoothly stick_with stick_to what_we_know""",
        "change": """change changes changing switch switching replace replacing swap rip_out
            rock_the_boat mess_with reinvent""",
        "manual": """spreadsheet spreadsheets excel sheets paper pen notebook clipboard
            whiteboard manual manually by_hand pen_and_paper""",
        "routine": """always forever decades tradition traditional habit habits used_to
            routine set_in_their_ways old_school the_way_we same_way for_years""",
    },
    "trust": {
        "belief": """trust believe credible legit legitimate reliable skeptical sceptical doubt
            doubts hype claims promise promises overpromise scam shady burned burnt
            too_good_to_be_true sales_pitch salesy fly_by_night let_us_down bad_experience
            how_do_i_know how_do_we_know how_can_i_be_sure take_your_word overselling oversold
            made_up cherry_picked fluff snake_oil marketing_speak pushy""",
        "proof": """proof prove proven evidence references reference reviews testimonials
            case_study case_studies track_record reputation never_heard heard_of
            been_around customers_like_us who_else other_customers clients_like_us
            in_business""",
        "security": """security secure privacy breach breaches hack hacked compliance compliant
            regulated regulations regulator gdpr hipaa soc iso encryption audit infosec
            certified our_data data_safe who_can_see cloud servers hosted hosting stored
            sensitive confidential""",
        "risk": """risk risky safe danger gamble worried worry fear nervous careful uncertain
            startup go_out_of_business go_under fold bankrupt disappear guarantee warranty
            what_if what_happens_if unproven too_new new_company small_company stability
            accuracy accurate errors bugs buggy crash crashes reliability""",
    },
    "terms": {
        "contract": """contract contracts agreement agreements terms clause clauses paperwork
            msa sow dpa fine_print small_print legal lawyer lawyers counsel redline redlines
            liability indemnity indemnification sla uptime""",
        "commit": """commitment commit committed annual multi_year lock lock_in locked_in
            tied_in minimum_term long_term three_year two_year twelve_month month_to_month
            upfront prepay payment_terms""",
        "cancel": """cancel cancellation exit terminate termination get_out walk_away opt_out
            notice_period renew renewal auto_renew penalty penalties price_increase""",
    },
    "material": {
        "send": "send email e_mail mail forward shoot drop pass_along leave toss",
        "material": """brochure info information deck pdf one_pager materials material
            literature collateral website link video overview summary write_up writeup
            details writing in_writing on_paper slides document documentation pricing_sheet
            price_list spec specs product_sheet spec_sheet data_sheet one_sheet sell_sheet""",
        "review": """look_over look_it_over have_a_look take_a_look check_it_out read own_time
            get_back_to_you""",
    },
    "effort": {
        "setup": """implement implementation setup set_up install installation onboarding
            onboard rollout roll_out deploy deployment go_live configure configuration
            up_and_running get_it_running cut_over cutover switch_over customise customize""",
        "integrate": """integrate integration integrations api apis connect plug plug_into
            sync compatible migration migrate import transfer legacy tech_stack stack sso
            permissions""",
        "learn": """training train retrain retraining relearn learn learning adoption adopt
            teach savvy up_to_speed learning_curve tech_savvy change_management""",
        "effort": """effort hassle headache pain painful complicated complex difficult
            overwhelming disruption disrupt downtime mess nightmare workload halt interrupt
            it_team it_department developers engineers consultant""",
    },
}


# Words that say when, how many or how pleased, never what the worry is: "in April", "next
# week", "six years", "happy to", "that's fine". They belong to no topic, weigh a fraction of
# other words, and are never the evidence a match rests on (evidence.py).
MODIFIERS: dict[str, str] = {
    "period": """month months quarter quarters year years week weeks weekend weekends season
        seasons spring summer autumn fall winter january february march april june july
        august september october november december q1 q2 q3 q4 holidays holiday christmas
        fiscal year_end monday tuesday wednesday thursday friday saturday sunday mondays
        tuesdays wednesdays thursdays fridays saturdays sundays today tomorrow tonight
        yesterday day days daily weekly monthly hour hours minute minutes noon midday o'clock
        half_past quarter_past quarter_to next last soon now right_now at_the_moment
        currently recently ago""",
    "count": """zero two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
        seventy eighty ninety first second third fourth fifth half couple few""",
    "pleased": """happy glad fine great good nice lovely perfect brilliant excellent fantastic
        wonderful awesome cool love loved exactly course welcome appreciate sorry apologies""",
}


def phrases_of(text: str) -> list[str]:
    return [p.replace("_", " ") for p in text.split()]


def concept_groups() -> dict[str, list[str]]:
    """Feature name -> its phrases: `~concept` and `~~topic` for every concept above, and
    `~concept` alone for the modifiers."""
    groups: dict[str, list[str]] = {}
    for topic, concepts in TOPICS.items():
        for concept, text in concepts.items():
            phrases = phrases_of(text)
            groups[f"~{concept}"] = phrases
            groups.setdefault(f"~~{topic}", []).extend(phrases)
    for concept, text in MODIFIERS.items():
        groups[f"~{concept}"] = phrases_of(text)
    return groups
