"""Shipped content of the condition library, loaded by a data migration."""

REVIEWED_ON = "2026-11-24"
NEXT_REVIEW_ON = "2027-11-24"

CONDITIONS = [
    {
        "slug": "vaginismus",
        "name": "Vaginismus",
        "order": 1,
        "also_called": (
            "Doctors may also use the wider name genito-pelvic pain/penetration "
            "disorder (GPPPD)."
        ),
        "summary": (
            "The muscles around the opening of the vagina tighten on their own "
            "when something starts to go in. It is a reflex, not a choice, and it "
            "can be treated."
        ),
        "where_felt": "entrance",
        "feels_like_short": "Sharp, burning or tearing pain, like hitting a wall",
        "when_felt": (
            "Right at the start, when a penis, finger, toy or tampon first tries "
            "to go in. It can also happen during a pelvic exam."
        ),
        "what_it_is": (
            "Vaginismus is a tightening of the muscles around the opening of the "
            "vagina. These muscles are part of the pelvic floor, the group of "
            "muscles at the base of the pelvis.\n\n"
            "The tightening happens by itself. It is a reflex, like blinking when "
            "something comes close to your eye. No one chooses it. No one can "
            "just decide to stop it, either.\n\n"
            "You can think of it as the body guarding a door. When the body "
            "expects something to go in, it shuts the entrance. This can happen "
            "during sex, with a tampon, or when a doctor uses a speculum, the tool "
            "used to look inside the vagina.\n\n"
            "Fear of pain often drives the reflex. This can turn into a loop. "
            "Pain makes you expect more pain. Expecting pain makes the muscles "
            "clench harder. Tighter muscles then cause more pain.\n\n"
            "Doctors describe two kinds:\n"
            "- Primary vaginismus has been there from the very first try.\n"
            "- Secondary vaginismus starts later, after a time when sex did not "
            "hurt. It can start even after years with no problems.\n\n"
            "No one knows how many people have it. Many feel too shy to bring it "
            "up with a doctor. You are not alone."
        ),
        "how_it_feels": (
            "The pain is often sharp, burning or tearing. Many people say it feels "
            "like hitting a wall right at the opening of the vagina.\n\n"
            "For some people, going in is hard and painful. For others, it is not "
            "possible at all. The tightening can be mild or strong. It may happen "
            "every time, or only at some times, such as during sex or a pelvic "
            "exam.\n\n"
            "Both partners may notice the wall. It is not a sign that either of "
            "you is doing something wrong. It is the muscles reacting."
        ),
        "causes": (
            "Doctors do not always know why vaginismus starts. Often more than one "
            "thing plays a part. Things that can make it more likely include:\n"
            "- past trauma, such as sexual abuse or assault\n"
            "- fear or worry about sex, or anxiety in general\n"
            "- a religious or cultural upbringing that taught that sex is wrong "
            "or shameful\n"
            "- another painful condition, so the body learns to guard against "
            "pain\n"
            "- injuries from giving birth, such as tears, or past surgery\n\n"
            "Infections of the bladder or vagina, such as yeast infections "
            "(thrush), can make the pain worse.\n\n"
            "None of this means the partner with pain is to blame. It is how the "
            "body has learned to protect itself."
        ),
        "what_helps": (
            "The first step is to stop any sex or touch that hurts. Pushing "
            "through the pain feeds the loop of fear and tightening. It can make "
            "vaginismus worse.\n\n"
            "Vaginismus can be treated. Care often mixes a few of these:\n"
            "- Pelvic floor therapy. A physical therapist with special training "
            "helps the muscles learn to relax.\n"
            "- Talking therapy, to ease fear and worry about sex and about going "
            "in.\n"
            "- Vaginal dilators. These are smooth, tube-shaped tools that come in "
            "a set of sizes. The partner with pain starts with the smallest and "
            "goes at their own pace.\n\n"
            "A doctor will also look for any other cause of pain, such as an "
            "infection, since that needs its own care.\n\n"
            "Your specialist will help you choose what fits you. While you work "
            "on it, you can stay close in ways that do not involve going in."
        ),
        "who_helps": (
            "A gynecologist, a doctor who treats the female reproductive organs, "
            "is a good place to start. A gynecologist who focuses on pelvic pain, "
            "or on vulvar health, may know the most about it. Your family doctor "
            "can refer you.\n\n"
            "The doctor will ask about your symptoms and your medical and sexual "
            "history. A pelvic exam can rule out other causes. The doctor may put "
            "a numbing cream on the outside first, to make the exam easier. It is "
            "fine to ask the doctor to go slowly, and to say at once if anything "
            "hurts.\n\n"
            "Care often involves a small team:\n"
            "- a gynecologist\n"
            "- a pelvic floor physical therapist\n"
            "- a talking therapist, such as a counselor or sex therapist"
        ),
        "questions": [
            "Could my pain be vaginismus, or could something else be causing it?",
            "Can we go slowly during the exam, or use a numbing cream?",
            "Can you refer me to a pelvic floor physical therapist?",
            "Would talking therapy help, and can my partner come to some sessions?",
            "How do vaginal dilators work, and how should I start?",
            "What can we do to stay close while I am being treated?",
        ],
        "sources": [
            {
                "publisher": "Cleveland Clinic",
                "title": "Vaginismus",
                "url": "https://my.clevelandclinic.org/health/diseases/15723-vaginismus",
                "date": "2020-10-28",
                "date_label": "Last reviewed",
            },
            {
                "publisher": "RxList",
                "title": "Definition of Vaginismus",
                "url": "https://www.rxlist.com/vaginismus/definition.htm",
                "date": "2021-06-03",
                "date_label": "Reviewed",
            },
        ],
    },
    {
        "slug": "vulvodynia",
        "name": "Vulvodynia and provoked vestibulodynia",
        "order": 2,
        "also_called": "Doctors often shorten provoked vestibulodynia to PVD.",
        "summary": (
            "Long-lasting pain in the vulva, the outer genitals, with no clear "
            "cause. In provoked vestibulodynia, touch or pressure at the entrance "
            "to the vagina sets off the pain."
        ),
        "where_felt": "entrance",
        "feels_like_short": "Raw, burning or stinging, like a paper cut",
        "when_felt": (
            "When the entrance to the vagina is touched or pressed, such as at "
            "the start of penetration."
        ),
        "what_it_is": (
            "The vulva is the outer part of the genitals. It includes the lips "
            "(labia), the clitoris and the opening of the vagina. The vestibule "
            "is the ring of skin right around the opening.\n\n"
            "Vulvodynia means long-lasting pain in the vulva with no clear cause. "
            "Doctors use the word when the pain has lasted at least three months, "
            "and no other reason for it, such as a skin disease, has been "
            "found.\n\n"
            "Provoked vestibulodynia, or PVD, is one kind of vulvodynia. "
            "\"Provoked\" means something sets the pain off, such as touch or "
            "pressure. \"Vestibulodynia\" means the pain is in the vestibule. So "
            "with PVD, the entrance hurts when it is touched or pressed, for "
            "example when penetration starts.\n\n"
            "Vulvodynia is not rare. Up to 16 in 100 women may have it at some "
            "point. It can affect people of any age."
        ),
        "how_it_feels": (
            "The pain is often raw, burning or stinging. It sits right at the "
            "entrance. Many people say it feels like a paper cut.\n\n"
            "The skin usually looks normal. A partner, or even a doctor, may see "
            "nothing wrong. Yet the area sends strong pain signals from light "
            "touch that should not hurt. This can be confusing for both of you. "
            "The pain is real, even when nothing shows.\n\n"
            "Some people use other words for it, such as itching, irritation or "
            "stabbing."
        ),
        "causes": (
            "The exact cause is not known. Experts think the nerve endings in the "
            "area become too sensitive. They send pain signals from touch that "
            "should feel neutral or good. The nervous system, which carries these "
            "signals, may learn to stay on high alert.\n\n"
            "It can start out of the blue, with no warning. It can also start "
            "after a history of infections in the area.\n\n"
            "Research points to a mix of factors that can differ from person to "
            "person. They may include a small injury or inflammation in the area, "
            "and changes in how the nerves handle pain. Genes and the immune "
            "system may also play a part.\n\n"
            "It is not caused by anything either partner did."
        ),
        "what_helps": (
            "Stop any touch or penetration that hurts. Pushing through can make "
            "both the pain and the fear of pain grow.\n\n"
            "There is no single treatment that works for everyone. Most people "
            "do best with a mix, planned with a specialist. The sources describe:\n"
            "- Learning how this kind of pain works. Understanding it is part of "
            "treatment.\n"
            "- Pelvic floor physical therapy. Pain at the entrance often makes the "
            "nearby muscles tense up. Therapy helps them relax.\n"
            "- Talking therapy, for the pain and for its effects on sex and on "
            "your relationship.\n"
            "- Ways to manage long-term pain, like those used for other lasting "
            "pain.\n\n"
            "Your specialist may also talk with you about medicines and other "
            "options.\n\n"
            "Staying close in ways that do not hurt can take the pressure off "
            "while you find what works."
        ),
        "who_helps": (
            "Start with a gynecologist. One who focuses on vulvar health, or on "
            "pelvic pain, is ideal.\n\n"
            "The doctor's first job is to rule out other causes of vulvar pain, "
            "such as infections or skin conditions. Vulvodynia is only named when "
            "no other cause is found. This can take more than one visit.\n\n"
            "Good care often brings in a team:\n"
            "- a gynecologist or vulvar specialist\n"
            "- a pelvic floor physical therapist\n"
            "- a psychologist, counselor or sex therapist, who can support you "
            "both"
        ),
        "questions": [
            "What other causes of vulvar pain have you checked for?",
            "Is my pain only at the entrance, or in other places too?",
            "Can you refer me to a pelvic floor physical therapist?",
            "Would talking therapy help us, and can my partner take part?",
            "What are the pros and cons of each treatment you suggest?",
        ],
        "sources": [
            {
                "publisher": "International Journal of Women's Health (Dove Medical Press)",
                "title": "Etiology, diagnosis, and clinical management of vulvodynia",
                "url": (
                    "https://www.dovepress.com/etiology-diagnosis-and-clinical-"
                    "management-of-vulvodynia-peer-reviewed-article-IJWH"
                ),
                "date": "2014-05-02",
                "date_label": "Published",
            },
            {
                "publisher": "International Journal of Women's Health (Dove Medical Press)",
                "title": "Provoked vestibulodynia: current perspectives",
                "url": (
                    "https://www.dovepress.com/provoked-vestibulodynia-current-"
                    "perspectives-peer-reviewed-article-IJWH"
                ),
                "date": "2017-09-11",
                "date_label": "Published",
            },
        ],
    },
    {
        "slug": "hormonal-changes",
        "name": "Hormonal changes: vaginal atrophy and GSM",
        "order": 3,
        "also_called": (
            "Doctors may say vaginal atrophy, vulvovaginal atrophy, or "
            "genitourinary syndrome of menopause (GSM)."
        ),
        "summary": (
            "When estrogen levels drop, the lining of the vagina can become thin, "
            "dry and fragile. This is very common around menopause. It can also "
            "happen after birth, while breastfeeding, or after the ovaries are "
            "removed."
        ),
        "where_felt": "both",
        "feels_like_short": "Dry, raw, aching or burning, during and after sex",
        "when_felt": (
            "During sex and often for a while after. It can be felt all through "
            "the vagina, not only at the entrance."
        ),
        "what_it_is": (
            "Estrogen is a hormone that helps keep the vagina healthy. It keeps "
            "the lining thick, moist and stretchy. When estrogen levels fall, the "
            "lining changes. It gets thinner, drier, less stretchy and easier to "
            "hurt.\n\n"
            "Doctors call this vaginal atrophy. \"Atrophy\" means the tissue has "
            "thinned. A newer name is genitourinary syndrome of menopause, or "
            "GSM. \"Genitourinary\" means it can affect both the genitals and the "
            "bladder.\n\n"
            "This is very common. About half or more of women have it after "
            "menopause. Yet many never get help, often because they feel shy "
            "talking about it. It is a normal change in the body, and it can be "
            "treated."
        ),
        "how_it_feels": (
            "Sex may bring a feeling of dryness and rawness. There may be an "
            "aching or burning feeling through the whole vagina, both during sex "
            "and after it.\n\n"
            "Because the tissue is delicate, it can tear a little during sex. "
            "This can cause light spotting, a small amount of bleeding.\n\n"
            "Other signs can include itching, and burning or pain when passing "
            "urine.\n\n"
            "Any bleeding after menopause, or bleeding you cannot explain, should "
            "be checked by a doctor."
        ),
        "causes": (
            "Anything that lowers estrogen can cause these changes. The main "
            "times are:\n"
            "- Perimenopause and menopause. As the body ages, the ovaries make "
            "less estrogen. Perimenopause is the time of change in the years "
            "before periods stop.\n"
            "- Surgery to remove the ovaries, which make estrogen.\n"
            "- After giving birth, and while breastfeeding. Hormone levels shift "
            "after a baby, and estrogen can stay low while you breastfeed.\n\n"
            "This is not caused by anything you or your partner did. It is a "
            "change in hormones."
        ),
        "what_helps": (
            "If sex hurts, stop. Pushing through can cause small tears and more "
            "pain.\n\n"
            "Treatment depends on how strong the symptoms are, how safe each "
            "option is for you, and what you prefer. The sources describe:\n"
            "- Vaginal moisturizers, to ease dryness day to day.\n"
            "- Lubricants, used during sex to cut down rubbing.\n"
            "- Low-dose estrogen put right into the vagina, as a cream, a tablet "
            "or a soft ring. Only a small amount reaches the rest of the body.\n\n"
            "For milder symptoms, moisturizers and lubricants help most people. "
            "Vaginal estrogen is the most effective treatment. It needs a "
            "prescription.\n\n"
            "If you have had breast cancer or another cancer, talk with your "
            "doctors first. After breast cancer, moisturizers and lubricants are "
            "usually tried first.\n\n"
            "If sex still hurts after treatment, ask about other causes, such as "
            "vulvodynia or tight pelvic floor muscles."
        ),
        "who_helps": (
            "Your family doctor or a gynecologist can help. A gynecologist is well "
            "placed to talk about these symptoms, suggest treatment, and follow "
            "up over time.\n\n"
            "If you have had cancer, your cancer team should be part of the "
            "choice about estrogen.\n\n"
            "If the problem is complex, for example if pain has changed how you "
            "both feel about sex, a team may help. This can include a pelvic floor "
            "physical therapist or a sex therapist."
        ),
        "questions": [
            "Could low estrogen be causing my dryness and pain?",
            "Which moisturizer or lubricant would you suggest for me?",
            "Is low-dose vaginal estrogen safe for me, given my health history?",
            "How long will it take before treatment helps?",
            "If I am breastfeeding, will this change when I stop?",
            "If treatment does not help, what else should we check?",
        ],
        "sources": [
            {
                "publisher": "FEBRASGO, Revista Brasileira de Ginecologia e Obstetrícia (Thieme)",
                "title": "Genitourinary Syndrome of Menopause (FEBRASGO position statement)",
                "url": (
                    "https://www.thieme-connect.de/products/ejournals/abstract/"
                    "10.1055/s-0042-1748463"
                ),
                "date": "2022-05-16",
                "date_label": "Published online",
            },
            {
                "publisher": "International Journal of Women's Health (Dove Medical Press)",
                "title": "Current treatment options for postmenopausal vaginal atrophy",
                "url": (
                    "https://www.dovepress.com/current-treatment-options-for-"
                    "postmenopausal-vaginal-atrophy-peer-reviewed-fulltext-article-IJWH"
                ),
                "date": "2018-07-31",
                "date_label": "Published",
            },
            {
                "publisher": "Mayo Clinic",
                "title": "Vaginal dryness: Treatments and drugs",
                "url": (
                    "https://www.mayoclinic.org/diseases-conditions/vaginal-dryness/"
                    "basics/treatment/con-20029192"
                ),
                "date": "2012-12-21",
                "date_label": "Page dated",
            },
        ],
    },
    {
        "slug": "endometriosis",
        "name": "Endometriosis",
        "order": 4,
        "also_called": "",
        "summary": (
            "Tissue like the lining of the womb grows outside the womb. It causes "
            "inflammation and scar tissue, and it can make deep penetration hurt."
        ),
        "where_felt": "deep",
        "feels_like_short": "Deep aching or sharp pain inside the pelvis or low belly",
        "when_felt": (
            "Mostly with deep penetration. It is often worse around the time of "
            "a period."
        ),
        "what_it_is": (
            "The uterus, or womb, has a lining called the endometrium. In "
            "endometriosis, tissue like this lining grows outside the uterus, "
            "where it does not belong.\n\n"
            "The body reacts to it with inflammation, a kind of swelling and "
            "irritation. Over time, this can leave scar tissue. Scar tissue can "
            "make organs stick together.\n\n"
            "These patches can grow in several places, such as:\n"
            "- on the ovaries\n"
            "- on the fallopian tubes, which link the ovaries to the uterus\n"
            "- on the ligaments, the bands of tissue that hold the uterus in "
            "place\n"
            "- in the space between the vagina and the rectum, the end of the "
            "bowel\n\n"
            "Endometriosis is common. It affects about 1 in 10 women during the "
            "years they have periods. That is around 190 million people around "
            "the world."
        ),
        "how_it_feels": (
            "The pain is usually deep. It feels as if it is inside the pelvis or "
            "low in the belly, not at the entrance. It may be a deep ache, or it "
            "may be sharp.\n\n"
            "During sex, and most of all with deep penetration, the penis can "
            "press on sore, inflamed patches. Where scar tissue has made organs "
            "stick together, movement can make them pull on each other. Both can "
            "hurt.\n\n"
            "The pain is often worse around the time of a period. Some people "
            "also have very painful periods, pelvic pain at other times, or feel "
            "very tired. Endometriosis can also make it harder to get pregnant."
        ),
        "causes": (
            "No one fully understands what causes endometriosis. Experts see it "
            "as a complex, long-term condition driven by inflammation. Genes, "
            "hormones and the immune system, the body's defense system, may all "
            "play a part.\n\n"
            "Symptoms often follow the monthly cycle. That is why pain can be "
            "worse around a period.\n\n"
            "It is not caused by sex, and it is not caused by anything either "
            "partner did."
        ),
        "what_helps": (
            "If deep penetration hurts, stop. Pain is a signal, not something to "
            "push through. You can still be close in ways that do not involve "
            "deep penetration.\n\n"
            "Endometriosis is a long-term condition, but there are ways to manage "
            "it. The sources describe:\n"
            "- Medicines to ease pain.\n"
            "- Hormone treatments. These can stop periods and ease pain. They "
            "also prevent pregnancy while you use them, but they do not harm "
            "fertility once you stop.\n"
            "- Surgery, for some people, to remove patches of endometriosis.\n"
            "- Other support, as part of a plan built around you.\n\n"
            "Care from a team of specialists often works best. Symptoms can come "
            "back, even after treatment, so ongoing care matters."
        ),
        "who_helps": (
            "Start with your family doctor or a gynecologist. A diary of your "
            "pain and your periods can help them see the pattern.\n\n"
            "Endometriosis can be hard to diagnose. It often takes years, "
            "sometimes 4 to 10 years, from the first symptoms to a clear answer. "
            "A normal exam and a normal ultrasound scan do not rule it out.\n\n"
            "If symptoms are severe, do not go away, keep coming back, or do not "
            "get better with first treatments, it is reasonable to ask to see a "
            "gynecology specialist. A gynecologist who focuses on endometriosis "
            "or on pelvic pain has the most experience.\n\n"
            "A wider team may also help, such as a pain specialist, a pelvic "
            "floor physical therapist, or a counselor."
        ),
        "questions": [
            "Could endometriosis explain my deep pain during sex?",
            "Which tests do you suggest, and what can they show or miss?",
            "Which treatments could ease pain during sex, and what are the side effects?",
            "How would hormone treatment fit with our plans for children?",
            "Should I see a specialist in endometriosis or pelvic pain?",
            "Could a pelvic floor physical therapist help too?",
        ],
        "sources": [
            {
                "publisher": "The BMJ",
                "title": "Pathophysiology, diagnosis, and management of endometriosis",
                "url": "https://www.bmj.com/content/379/bmj-2022-070750",
                "date": "2022-11-14",
                "date_label": "Published",
            },
            {
                "publisher": "The BMJ",
                "title": "Diagnosis and management of endometriosis: summary of NICE guidance",
                "url": "https://doi.org/10.1136/bmj.j3935",
                "date": "2017-09-06",
                "date_label": "Published",
            },
        ],
    },
    {
        "slug": "pelvic-floor-dysfunction",
        "name": "Pelvic floor dysfunction",
        "order": 5,
        "also_called": (
            "When the muscles are too tight, doctors may say hypertonic pelvic "
            "floor or myofascial pelvic pain."
        ),
        "summary": (
            "The pelvic floor muscles can get stuck in a clenched, too-tight "
            "state. This can cause a deep ache, pressure and tightness during "
            "penetration."
        ),
        "where_felt": "deep",
        "feels_like_short": "Deep muscle ache, pressure and tightness",
        "when_felt": (
            "During penetration, often as a deep ache or pressure. Some people "
            "also notice it at other times, along with bladder urgency or low "
            "back pain."
        ),
        "what_it_is": (
            "The pelvic floor is a group of muscles at the base of the pelvis. "
            "They stretch from the pubic bone at the front to the tailbone at the "
            "back. Together they work like a hammock. They hold up the bladder, "
            "the uterus and the bowel.\n\n"
            "Like any muscle, these muscles need to tighten and then let go. "
            "Pelvic floor dysfunction means they are not working as they should. "
            "In one form, the muscles are too tight. Doctors call this "
            "hypertonic, which means too much tension. The muscles stay clenched, "
            "even at rest.\n\n"
            "Tender knots, called trigger points, can form in tight muscles. They "
            "can send pain to nearby areas.\n\n"
            "This problem is often missed. Many people see several health workers "
            "before anyone checks these muscles."
        ),
        "how_it_feels": (
            "During penetration, it can feel like a deep ache in the muscles. "
            "There may be a feeling of strong pressure or tightness inside.\n\n"
            "Other signs can come with it, such as:\n"
            "- a sudden, strong need to pass urine, called urgency\n"
            "- low back pain\n\n"
            "The ache can be there at other times too, not only during sex."
        ),
        "causes": (
            "These muscles can tighten up for many reasons, often more than one "
            "at a time:\n"
            "- Long-term stress. Some people hold stress in the pelvic floor "
            "without knowing it.\n"
            "- Past injuries to the pelvis or the area between the legs.\n"
            "- Past surgery on the belly or pelvis.\n"
            "- Posture, and habits such as always sucking in the stomach.\n"
            "- Guarding against other pain. If another condition makes the pelvis "
            "hurt, the muscles may tighten to protect it. That can add a second "
            "layer of pain.\n\n"
            "Painful sex can make the muscles brace even more the next time. This "
            "is the body trying to protect itself. It is not anyone's fault."
        ),
        "what_helps": (
            "Stop any penetration that hurts. Pain makes these muscles clench "
            "harder, so pushing through can feed the problem.\n\n"
            "For tight muscles, the aim is to help them relax. Options the "
            "sources describe include:\n"
            "- Pelvic floor physical therapy with a trained specialist. Studies "
            "show it can help with pelvic pain and pain during sex.\n"
            "- Hands-on release of tight, tender spots (trigger points).\n"
            "- Biofeedback. A sensor shows the muscle activity on a screen, so you "
            "can learn to let the muscles go.\n"
            "- Exercises to do at home, as taught by your therapist.\n\n"
            "Ask your therapist which exercises suit you. Not every pelvic floor "
            "exercise is right for muscles that are already tight."
        ),
        "who_helps": (
            "A gynecologist or your family doctor can check for other causes of "
            "pain and refer you on. A pelvic pain specialist may help if the pain "
            "has lasted a long time.\n\n"
            "The key person is often a pelvic floor physical therapist, also "
            "called a pelvic health physiotherapist. This is a physical therapist "
            "with extra training in these muscles. They check how the muscles "
            "tighten and relax, often with a gentle exam. You can ask them to "
            "stop at any point.\n\n"
            "Because other problems can cause or add to this pain, a team often "
            "works best. It may include a gynecologist, a physical therapist, and "
            "a counselor or sex therapist."
        ),
        "questions": [
            "Could tight pelvic floor muscles be part of my pain?",
            "Can you refer me to a pelvic floor physical therapist?",
            "What will the exam involve, and can we go slowly?",
            "Could another condition be making my muscles guard?",
            "Which exercises should I do, and which should I avoid?",
        ],
        "sources": [
            {
                "publisher": "StatPearls, NCBI Bookshelf (US National Library of Medicine)",
                "title": "Pelvic Floor Dysfunction",
                "url": "https://www.ncbi.nlm.nih.gov/books/NBK559246/",
                "date": "2023-06-26",
                "date_label": "Last updated",
            },
            {
                "publisher": "Journal of Obstetric, Gynecologic & Neonatal Nursing (via PubMed Central)",
                "title": "Recognizing Myofascial Pelvic Pain in the Female Patient with Chronic Pelvic Pain",
                "url": "https://pmc.ncbi.nlm.nih.gov/articles/PMC3492521/",
                "date": "2012-08-03",
                "date_label": "Published",
            },
            {
                "publisher": "International Urogynecology Journal (Springer)",
                "title": (
                    "Physiotherapy for pelvic pain and female sexual dysfunction: "
                    "an untapped resource"
                ),
                "url": (
                    "https://www.springermedizin.de/physiotherapy-for-pelvic-pain-and-"
                    "female-sexual-dysfunction-an-u/15352436"
                ),
                "date": "2018-01-09",
                "date_label": "Published",
            },
        ],
    },
]
