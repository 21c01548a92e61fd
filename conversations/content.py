"""Shipped conversation scripts, loaded by a data migration."""

SCRIPTS = [
    {
        "slug": "first-talk",
        "title": "Talking about it for the first time",
        "order": 1,
        "when_it_helps": (
            "When sex has hurt and you have not really talked about it yet. "
            "It gives you both simple words to begin."
        ),
        "minutes": 15,
        "steps": [
            {
                "speaker": "both",
                "prompt": (
                    "Before we start, let's agree on one rule. Either of us can stop "
                    "at any step, for any reason. Say together:\n\n"
                    "“We are on the same side.”"
                ),
                "if_hard": (
                    "If starting feels like too much, just sit close for a minute. "
                    "Opening this page together is already a good first step."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Say:\n\n“When we have sex, it hurts me. I want to tell you "
                    "about it, even though it is hard to say.”\n\n"
                    "Then share as much or as little as you like."
                ),
                "if_hard": (
                    "You do not need the right words. “It hurts and I don't know "
                    "why” is enough."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Listen first. Then say:\n\n“Thank you for telling me. I believe "
                    "you. Your body is telling us something, and I want to help.”"
                ),
                "if_hard": (
                    "You may feel shock, sadness or guilt. That is normal, and you "
                    "can share it soon. For now, let your partner know you heard them."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Say:\n\n“This is not your fault, and it is not mine. It is "
                    "something my body is doing.”\n\n"
                    "If you want, name one thing you have been worried about."
                ),
                "if_hard": (
                    "You do not need to know what is causing it. Nobody has to "
                    "figure that out today."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Your feelings matter too. Share one of them, calmly and without "
                    "blame. For example:\n\n“I have been scared that I hurt you.”"
                ),
                "if_hard": (
                    "Keep it short and about you. Worry, guilt or feeling pushed "
                    "away are all common. If it starts to sound like blame, pause "
                    "and take a breath together."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Pain is a signal from the body, not a test to pass. So if "
                    "anything hurts, we stop. Say together:\n\n"
                    "“If it hurts, we stop. No pushing through.”"
                ),
                "if_hard": (
                    "If this feels like a big change, that is okay. Stopping is "
                    "what keeps you both safe and close."
                ),
                "link_url": "/what-to-do/",
                "link_text": "Read what to do together",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Tell your partner what kind of closeness feels safe right now. "
                    "A hug? Holding hands? Just sitting side by side?"
                ),
                "if_hard": (
                    "It is fine to say “I don't know yet.” You can find out slowly."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Ask:\n\n“Would you like to see someone who knows about this "
                    "kind of pain? I can help find them, or come with you.”"
                ),
                "if_hard": (
                    "If your partner is not ready, that is okay. Leave the offer "
                    "open and do not push."
                ),
                "link_url": "/library/",
                "link_text": "Read about common causes",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Say together:\n\n“We are a team. We will take this one step "
                    "at a time.”\n\nThen end with something kind, like a long hug."
                ),
                "if_hard": (
                    "If you stopped early, it was still a good talk. You can come "
                    "back to any step when you are ready."
                ),
                "link_url": "",
                "link_text": "",
            },
        ],
    },
    {
        "slug": "right-after",
        "title": "Right after it hurt",
        "order": 2,
        "when_it_helps": (
            "Right after sex or touch has hurt, or later that day. It helps you "
            "stop, feel safe, and keep blame out of it."
        ),
        "minutes": 10,
        "steps": [
            {
                "speaker": "support",
                "prompt": (
                    "Make sure everything has stopped. Stay near, but let your "
                    "partner choose how close. Say:\n\n“We've stopped. You are safe. I'm right here.”"
                ),
                "if_hard": (
                    "You may feel shock or guilt. That is normal. Right now, "
                    "staying calm is the most caring thing you can do."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Take a few slow breaths. When you are ready, say what you need. "
                    "It might be a blanket, water, some space, or to be held."
                ),
                "if_hard": (
                    "You do not have to talk yet. A nod or a point is fine. You can "
                    "stop here and come back later."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Say:\n\n“I'm not upset with you. Thank you for telling me it "
                    "hurt. Stopping was the right thing to do.”"
                ),
                "if_hard": (
                    "If you don't know what else to say, that is okay. Quiet, "
                    "kind company helps a lot."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "If you can, say:\n\n“This is not your fault, and it is not "
                    "mine. My body is sending a signal.”"
                ),
                "if_hard": (
                    "Feeling ashamed or angry at your body is very common. Pain is "
                    "biology, not a failure. You did nothing wrong by saying stop."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "It is okay to have feelings too. Name one, without blame. For "
                    "example:\n\n“I feel worried about you.”"
                ),
                "if_hard": (
                    "If guilt is strong, remember that you stopped when it hurt. "
                    "That is what a caring partner does. Bigger feelings can wait "
                    "for a calmer time."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Pain means stop, not push through. Agree that the rest of "
                    "today is for comfort, with nothing to prove. Say together:\n\n"
                    "“Now we just take care of each other.”"
                ),
                "if_hard": (
                    "If one of you feels let down, that is okay to feel. Say it "
                    "another day, when you are both calm."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Only if you feel like it, note where it hurt and how it felt. "
                    "This can help when you talk to a doctor later."
                ),
                "if_hard": (
                    "Skip this if it is too fresh. You can do it another day, or "
                    "not at all."
                ),
                "link_url": "/where-does-it-hurt/",
                "link_text": "Answer “Where does it hurt?” later",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Say together:\n\n“We are a team. This does not change how we "
                    "feel about each other.”\n\nThen rest close, if that feels good "
                    "to you both."
                ),
                "if_hard": (
                    "If one of you needs space tonight, that is okay too. Say good "
                    "night kindly and talk again tomorrow."
                ),
                "link_url": "/what-to-do/",
                "link_text": "Read what to do together",
            },
        ],
    },
    {
        "slug": "before-the-appointment",
        "title": "Getting ready for the specialist",
        "order": 3,
        "when_it_helps": (
            "When a visit to a doctor or specialist is booked, or you are thinking "
            "about one. Getting ready together can make it feel less scary."
        ),
        "minutes": 20,
        "steps": [
            {
                "speaker": "both",
                "prompt": (
                    "We are getting ready, not looking for answers ourselves. Only "
                    "a doctor can find the cause. Say together:\n\n"
                    "“We go at the pace of the partner with pain. We can stop at "
                    "any step.”"
                ),
                "if_hard": (
                    "If even thinking about the visit is too much today, stop here. "
                    "You can come back when it feels lighter."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Say how you feel about the visit. For example:\n\n"
                    "“I'm nervous about being examined.” or “I'm afraid they won't "
                    "take me seriously.”"
                ),
                "if_hard": (
                    "These worries are very common. You can ask the doctor to "
                    "explain each step, go slowly, and stop if it hurts. You are "
                    "allowed to say no."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Ask:\n\n“What would help you most? Should I come with you, "
                    "wait outside, or stay home?”\n\nThen go with the answer."
                ),
                "if_hard": (
                    "If your partner wants to go alone, it is not a rejection. It "
                    "is about what feels safe for them."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Think about when and where it hurts. Is it at the opening or "
                    "deep inside? During or after? Every time or only sometimes?"
                ),
                "if_hard": (
                    "You do not need to know all the answers. “I'm not sure” is "
                    "useful for a doctor to hear too."
                ),
                "link_url": "/where-does-it-hurt/",
                "link_text": "Answer “Where does it hurt?”",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Offer to help with notes. Ask:\n\n“Should I write things down "
                    "for you?”\n\nIf yes, write what your partner says, in their "
                    "own words."
                ),
                "if_hard": (
                    "Try not to add your own guesses about the cause. Your job is "
                    "to help your partner be heard."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Open the appointment sheet together. Fill in what you can: "
                    "when it started, what it feels like, and what makes it better "
                    "or worse."
                ),
                "if_hard": (
                    "Leave blanks if you need to. A half-filled sheet still helps."
                ),
                "link_url": "/appointment/",
                "link_text": "Open the appointment sheet",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Pick the one or two questions that matter most to you, and ask "
                    "them first. For example:\n\n“What could be causing this?” or "
                    "“Should I see a pelvic pain specialist?”"
                ),
                "if_hard": (
                    "If you freeze in the room, you can just hand the doctor your "
                    "sheet. That counts."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Say:\n\n“Whatever they find, or even if they find nothing yet, "
                    "we will face it together. You are not a problem to fix.”"
                ),
                "if_hard": (
                    "It is okay to feel nervous too. Share that later, when things "
                    "are calmer."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Plan one kind thing for after the visit, like a walk or a "
                    "favorite meal. Then say together:\n\n“We've got this.”"
                ),
                "if_hard": (
                    "If the visit gets moved, that is okay. Your notes will keep."
                ),
                "link_url": "",
                "link_text": "",
            },
        ],
    },
    {
        "slug": "after-the-appointment",
        "title": "After the appointment",
        "order": 4,
        "when_it_helps": (
            "After a visit to a doctor or specialist. It helps you share what you "
            "heard, sort out your feelings, and agree on small next steps."
        ),
        "minutes": 20,
        "steps": [
            {
                "speaker": "both",
                "prompt": (
                    "Visits can be tiring. If you need rest first, come back later. "
                    "Say together:\n\n“The partner with pain sets the pace. We can "
                    "stop at any step.”"
                ),
                "if_hard": (
                    "There is no deadline for this talk. Tomorrow or next week is "
                    "fine."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Before any facts, say how the visit felt. For example:\n\n"
                    "“I feel relieved.” or “I feel tired.” or “I feel let down.”"
                ),
                "if_hard": (
                    "Any feeling is okay. Visits can stir up a lot, even when they "
                    "go well."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Listen, then say back what you heard:\n\n“It sounds like you "
                    "feel ... Is that right?”\n\nTry not to fix anything yet."
                ),
                "if_hard": (
                    "If you feel worried or helpless, that is normal. Listening "
                    "well is already real help."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Share what the doctor said, in your own words. Share only what "
                    "you want to. Some things can stay private."
                ),
                "if_hard": (
                    "If there is no clear answer yet, that is common. Finding the "
                    "cause can take more than one visit."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Ask:\n\n“Is there anything you didn't understand, or wish you "
                    "had asked?”\n\nWrite it down for next time."
                ),
                "if_hard": (
                    "If there is nothing, that is fine. You can add to the list "
                    "whenever a question comes up."
                ),
                "link_url": "/appointment/",
                "link_text": "Add it to the appointment sheet",
            },
            {
                "speaker": "both",
                "prompt": (
                    "If the doctor named a condition, you can read about it "
                    "together. This is to understand it, not to diagnose "
                    "yourselves."
                ),
                "if_hard": (
                    "If reading feels scary, stop and come back another day. Take "
                    "any worries to the doctor."
                ),
                "link_url": "/library/",
                "link_text": "Open the condition library",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Say what you would like to do next, and what you are not ready "
                    "for. For example:\n\n“I want to try what the doctor suggested.” "
                    "or “I want a second opinion.”"
                ),
                "if_hard": (
                    "You can take time to decide. It is your body and your choice."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Ask:\n\n“How can I help with this? What should I do, and what "
                    "should I leave to you?”"
                ),
                "if_hard": (
                    "If your partner is not sure yet, offer one small thing. You "
                    "could book the next visit or come along."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Treatment is not a countdown to sex. For now, closeness can look "
                    "different. Say together:\n\n“There is no rush. We stay close "
                    "in ways that feel good.”"
                ),
                "if_hard": (
                    "If one of you feels sad about this, say so gently. Sadness is "
                    "not blame."
                ),
                "link_url": "/what-to-do/",
                "link_text": "Read what to do together",
            },
        ],
    },
    {
        "slug": "redefining-intimacy",
        "title": "Redefining intimacy together",
        "order": 5,
        "when_it_helps": (
            "When you want to feel close again in ways that don't hurt. It helps "
            "you talk about what closeness means to each of you, with no pressure."
        ),
        "minutes": 20,
        "steps": [
            {
                "speaker": "both",
                "prompt": (
                    "Nothing in this talk is a promise to do anything. Say "
                    "together:\n\n“The partner with pain sets the pace. Either of "
                    "us can stop at any step.”"
                ),
                "if_hard": (
                    "If this topic feels too tender today, stop here. Being willing "
                    "to try this talk already says a lot."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Finish this sentence out loud, as many times as you like:\n\n"
                    "“I feel close to you when ...”"
                ),
                "if_hard": (
                    "Small things count. “When you make me tea” is a great answer."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Now finish the same sentence:\n\n“I feel close to you when ...”"
                    "\n\nTry to name some things that have nothing to do with sex."
                ),
                "if_hard": (
                    "If you get stuck, think of a recent day when you felt like a "
                    "team."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "If it fits, say:\n\n“For now, I want penetration off the table. "
                    "Then I can relax and enjoy being close.”\n\n"
                    "Change the words to fit what you want."
                ),
                "if_hard": (
                    "This is about keeping your body safe. It is not a rejection of "
                    "your partner."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Say:\n\n“That works for me. I want you to feel safe with me. "
                    "Being close matters more than any one thing we do.”"
                ),
                "if_hard": (
                    "You may feel a sense of loss, and that is okay. You can name it "
                    "kindly: “I feel a bit sad, and I'm still with you.”"
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Take turns naming other kinds of closeness. Think of kissing, "
                    "cuddling, a massage, a bath, or sweet words."
                ),
                "if_hard": (
                    "If one of you says no to an idea, just move on. No reasons are "
                    "needed."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Say what helps your body feel safe. For example:\n\n“Please ask "
                    "before you touch me there.”"
                ),
                "if_hard": (
                    "It is fine if you don't know yet. You can find out slowly, one "
                    "small thing at a time."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Say:\n\n“If you say stop, I will stop. No questions, no hurt "
                    "feelings.”\n\nThen ask if anything else would help."
                ),
                "if_hard": (
                    "If you worry about getting it wrong, say so. Asking is always "
                    "better than guessing."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Choose a simple stop word or signal. Say it out loud now, so "
                    "you both remember it."
                ),
                "if_hard": (
                    "Pick something easy, like “pause” or a tap on the arm. You can "
                    "change it any time."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "both",
                "prompt": (
                    "When you feel ready, open the idea list. Each of you marks "
                    "ideas in private. You only see the ones you both chose."
                ),
                "if_hard": (
                    "If you want to stop here, that is fine. The ideas will still "
                    "be there another day."
                ),
                "link_url": "/ideas/",
                "link_text": "Look at ideas together",
            },
        ],
    },
    {
        "slug": "check-in",
        "title": "Our regular check-in",
        "order": 6,
        "when_it_helps": (
            "Once a week or once a month, at a calm time. It keeps you talking, so "
            "small worries don't grow."
        ),
        "minutes": 10,
        "steps": [
            {
                "speaker": "both",
                "prompt": (
                    "Pick a calm moment, not right after sex or a fight. Say "
                    "together:\n\n“This is a check-in, not a test. We can stop at "
                    "any step.”"
                ),
                "if_hard": (
                    "If now is not a good time, pick another day. Just don't skip "
                    "it for too long."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "On a scale of 1 to 5, how has your body been lately? Say a "
                    "number and a few words about it."
                ),
                "if_hard": (
                    "If your pain has changed or got worse, it is worth telling a "
                    "doctor. You don't have to wait."
                ),
                "link_url": "/where-does-it-hurt/",
                "link_text": "Answer “Where does it hurt?”",
            },
            {
                "speaker": "support",
                "prompt": (
                    "On the same scale, how have you been feeling? Share one worry "
                    "and one good thing."
                ),
                "if_hard": (
                    "Your feelings count too. If you feel lonely or stuck, say so "
                    "gently. Talking to a counselor can also help."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Tell your partner one thing they did lately that helped. Be "
                    "specific:\n\n“When you ..., I felt ...”"
                ),
                "if_hard": (
                    "Even a tiny thing counts, like a kind look or a cup of tea."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Now tell your partner one thing they did that helped you. "
                    "Then say:\n\n“Thank you. I'm glad we are a team.”"
                ),
                "if_hard": (
                    "If it is hard to think of one, thank them for doing this "
                    "check-in."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Is there one thing you want to change? Keep it small and kind. "
                    "It could be more cuddles, or a new idea from your list."
                ),
                "if_hard": (
                    "If you don't agree, pick nothing this time. You can talk about "
                    "it again next time."
                ),
                "link_url": "/ideas/",
                "link_text": "Open the idea list",
            },
            {
                "speaker": "pain",
                "prompt": (
                    "Is there anything you have held back? You can say it now, or "
                    "just say “not today.”"
                ),
                "if_hard": (
                    "“Not today” is a full answer. Nobody has to explain."
                ),
                "link_url": "",
                "link_text": "",
            },
            {
                "speaker": "support",
                "prompt": (
                    "Ask:\n\n“Is there anything about your health we should plan "
                    "for? Maybe a visit, or a question for the doctor?”"
                ),
                "if_hard": (
                    "If there is nothing to plan, that is fine. Ask again next time."
                ),
                "link_url": "/appointment/",
                "link_text": "Open the appointment sheet",
            },
            {
                "speaker": "both",
                "prompt": (
                    "Pick a day for your next check-in. Then say together:\n\n"
                    "“We are a team. We'll keep going, at a pace that feels right.”"
                ),
                "if_hard": (
                    "If this check-in felt heavy, end with something light. A walk "
                    "or a funny show can help."
                ),
                "link_url": "",
                "link_text": "",
            },
        ],
    },
]
