//! A synthetic talks of any size, as file names and their text. Pure and
//! deterministic: the same parameters give the same bytes on every machine
//! (the generator is a SplitMix64 written out here, not a crate whose
//! sequence may change between versions).

use std::fmt::Write as _;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub parties: usize,
    pub issues: usize,
    pub rounds: usize,
    pub seed: u64,
    /// Add linkage: conditional accepts, linkages and proposals (drawn
    /// from a stream of their own, so the rest of the bytes stay the same).
    pub links: bool,
}

/// `(path relative to the talks folder, text)`: `talks.toml`, then one
/// `rounds/<id>.toml` per round in time order.
pub fn generate(p: Params) -> Vec<(String, String)> {
    let mut rng = Rng(p.seed);
    let parties = parties(&mut rng, p.parties);
    let issues = issues(&mut rng, p.issues);
    let mut files = vec![("talks.toml".to_string(), talks_toml(&parties, &issues))];

    let mut cast = Cast {
        held: vec![vec![None; issues.len()]; parties.len()],
        stated: vec![vec![false; issues.len()]; parties.len()],
        parties,
        issues,
        links: p.links.then_some(Rng(p.seed ^ 0x5eed_114b_5eed)),
    };
    let mut date = Day {
        year: 2030,
        month: 6,
        day: 1,
    };
    for r in 0..p.rounds {
        if r > 0 {
            date = date.plus(rng.range(3, 21) as u32);
        }
        let id = format!("{date}-session-{:02}", r + 1);
        let text = cast.round_toml(&mut rng, r, date);
        files.push((format!("rounds/{id}.toml"), text));
    }
    files
}

/// SplitMix64 (Steele, Lea and Flood, 2014).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..hi` (`hi > lo`).
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo) as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len())]
    }
}

struct Party {
    id: String,
    name: String,
    short: String,
    kind: &'static str,
    /// The delegate quoted in round files.
    speaker: String,
}

struct Issue {
    id: String,
    title: String,
    /// `(id, label)` from one pole to the other.
    scale: Vec<(String, String)>,
}

/// A position as it stands: stance, the accepted range around it, flags.
#[derive(Clone, Copy)]
struct Held {
    stance: usize,
    lo: usize,
    hi: usize,
    red_line: bool,
    priority: Option<&'static str>,
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "ve", "ra", "mi", "sto", "na", "dor", "tu", "len", "bri", "sa", "ko", "var", "el",
    "gon", "ta", "ri", "mun", "zi", "pel", "os", "ar", "qui",
];
const SURNAMES: &[&str] = &[
    "Adeyemi",
    "Berg",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Farah",
    "Gupta",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Novak",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahman",
    "Silva",
    "Tanaka",
    "Usman",
    "Valdez",
    "Wang",
    "Yilmaz",
    "Zulu",
];
const TOPICS: &[&str] = &[
    "adaptation finance",
    "loss and damage",
    "mitigation ambition",
    "carbon markets",
    "technology transfer",
    "capacity building",
    "transparency framework",
    "global stocktake",
    "just transition",
    "fossil fuel phase-out",
    "methane emissions",
    "forests and land use",
    "ocean protection",
    "agriculture",
    "gender and climate",
    "response measures",
    "shipping emissions",
    "aviation emissions",
    "climate science",
    "national plans",
];
/// A ladder of outcomes; an issue's scale takes 3 to 6 of them in order.
const LADDER: &[(&str, &str)] = &[
    ("no-decision", "No decision at this conference"),
    ("voluntary", "Voluntary guidance for parties"),
    ("reporting", "A reporting duty without targets"),
    ("targets", "Collective targets under five-yearly review"),
    ("binding", "Binding national targets"),
    (
        "binding-enforced",
        "Binding targets with a compliance mechanism",
    ),
];
const VENUES: &[&str] = &[
    "Plenary hall",
    "Room 4",
    "Bonn",
    "Nairobi",
    "Geneva",
    "Online",
];
const FORMATS: &[&str] = &[
    "plenary",
    "informal consultations",
    "contact group",
    "written submissions",
];

fn parties(rng: &mut Rng, n: usize) -> Vec<Party> {
    let mut used = std::collections::HashSet::new();
    // Column labels are unique, as `check` wants: a taken one gets a number.
    let mut shorts = std::collections::HashSet::new();
    (0..n)
        .map(|k| {
            let mut stem = String::new();
            for _ in 0..rng.range(2, 4) {
                stem.push_str(rng.pick(SYLLABLES));
            }
            let mut name = capitalise(&stem);
            let kind = if k % 25 == 24 {
                name.push_str(" Group");
                "alliance"
            } else if k % 40 == 39 {
                name.push_str(" Commission");
                "organisation"
            } else {
                "state"
            };
            let mut id = name.to_lowercase().replace(' ', "-");
            if !used.insert(id.clone()) {
                id = format!("{id}-{k}");
                used.insert(id.clone());
            }
            let mut short = stem.chars().take(3).collect::<String>().to_uppercase();
            if !shorts.insert(short.clone()) {
                short = format!("{short}{k}");
                shorts.insert(short.clone());
            }
            Party {
                short,
                speaker: format!("Ambassador {}", rng.pick(SURNAMES)),
                id,
                name,
                kind,
            }
        })
        .collect()
}

fn issues(rng: &mut Rng, n: usize) -> Vec<Issue> {
    (0..n)
        .map(|k| {
            let topic = TOPICS[k % TOPICS.len()];
            let round = k / TOPICS.len();
            let (id, title) = if round == 0 {
                (topic.replace(' ', "-"), capitalise(topic))
            } else {
                (
                    format!("{}-{}", topic.replace(' ', "-"), round + 1),
                    format!("{} ({})", capitalise(topic), round + 1),
                )
            };
            // 3 to 6 rungs of the ladder, in order.
            let size = rng.range(3, 7);
            let mut rungs: Vec<usize> = (0..LADDER.len()).collect();
            while rungs.len() > size {
                rungs.remove(rng.range(0, rungs.len()));
            }
            Issue {
                id,
                title,
                scale: rungs
                    .into_iter()
                    .map(|i| (LADDER[i].0.to_string(), LADDER[i].1.to_string()))
                    .collect(),
            }
        })
        .collect()
}

fn talks_toml(parties: &[Party], issues: &[Issue]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Synthetic talks made by `cargo run --example synth`; not real positions.\n\
         title = \"Synthetic conference of {} parties on {} agenda items\"\n\
         summary = \"Generated data for benchmarks and scale tests.\"",
        parties.len(),
        issues.len()
    );
    for p in parties {
        let _ = writeln!(
            s,
            "\n[[parties]]\nid = {}\nname = {}\nshort = {}\nkind = {}",
            q(&p.id),
            q(&p.name),
            q(&p.short),
            q(p.kind)
        );
    }
    for i in issues {
        let _ = writeln!(
            s,
            "\n[[issues]]\nid = {}\ntitle = {}\nquestion = {}\nscale = [",
            q(&i.id),
            q(&i.title),
            q(&format!(
                "What should the conference decide on {}?",
                i.title.to_lowercase()
            ))
        );
        for (id, label) in &i.scale {
            let _ = writeln!(s, "  {{ id = {}, label = {} }},", q(id), q(label));
        }
        s.push_str("]\n");
    }
    s
}

/// The parties and issues, and what each party has said on each issue so far.
struct Cast {
    parties: Vec<Party>,
    issues: Vec<Issue>,
    /// `[party][issue]`: the position held, carried from round to round.
    held: Vec<Vec<Option<Held>>>,
    /// `[party][issue]`: has the party ever spoken to the issue.
    stated: Vec<Vec<bool>>,
    /// Where linkage is asked for, its own random stream.
    links: Option<Rng>,
}

impl Cast {
    fn round_toml(&mut self, rng: &mut Rng, r: usize, date: Day) -> String {
        let Cast {
            parties,
            issues,
            held,
            stated,
            links,
        } = self;
        // Everyone attends the opening; later about three in four do, and each
        // speaks to a few items only, so that most cells are carried forward.
        let participants: Vec<usize> = (0..parties.len())
            .filter(|_| r == 0 || rng.chance(0.75))
            .collect();
        let sources: Vec<String> = (0..rng.range(1, 4))
            .map(|j| format!("record-{}", j + 1))
            .collect();

        let mut s = String::new();
        let _ = writeln!(
            s,
            "date = {date}\ntitle = {}\nvenue = {}\nformat = {}\nsummary = {}\nparticipants = [",
            q(&format!("Session {}", r + 1)),
            q(rng.pick(VENUES)),
            q(rng.pick(FORMATS)),
            q(&format!(
                "Session {} of the synthetic conference; {} parties attended.",
                r + 1,
                participants.len()
            )),
        );
        for &p in &participants {
            let _ = writeln!(s, "  {},", q(&parties[p].id));
        }
        s.push_str("]\n");
        for id in &sources {
            let _ = writeln!(
                s,
                "\n[[sources]]\nid = {}\ntitle = {}\npublisher = \"Conference secretariat\"\ndate = {}\nurl = {}",
                q(id),
                q(&format!("Session {} {}", r + 1, id.replace('-', " "))),
                date.plus(1),
                q(&format!("https://example.org/session-{}/{id}", r + 1))
            );
        }

        for &p in &participants {
            let party = &parties[p];
            for (i, issue) in issues.iter().enumerate() {
                // A party speaks to an item for the first time in one of the
                // early sessions, and restates itself now and then after that.
                let speaks = if stated[p][i] { 0.06 } else { 0.25 };
                if !rng.chance(speaks) {
                    continue;
                }
                stated[p][i] = true;
                let source = &sources[rng.range(0, sources.len())];
                let _ = write!(s, "\n[positions.{}.{}]\n", party.id, issue.id);
                let before = held[p][i];
                if before.is_some() && rng.chance(0.04) {
                    held[p][i] = None;
                    let _ = writeln!(
                        s,
                        "withdrawn = true\nsource = {}\nnote = \"No longer takes a view on this item\"",
                        q(source)
                    );
                    continue;
                }
                let h = next_position(rng, before, issue.scale.len());
                held[p][i] = Some(h);
                let scale = &issue.scale;
                let _ = writeln!(s, "stance = {}", q(&scale[h.stance].0));
                if (h.lo, h.hi) != (h.stance, h.stance) {
                    let accepts: Vec<String> = (h.lo..=h.hi).map(|o| q(&scale[o].0)).collect();
                    let _ = writeln!(s, "accepts = [{}]", accepts.join(", "));
                }
                if h.red_line {
                    s.push_str("red_line = true\n");
                }
                if let Some(priority) = h.priority {
                    let _ = writeln!(s, "priority = {}", q(priority));
                }
                let mut summary =
                    format!("{} wants {}", party.name, lower_first(&scale[h.stance].1));
                if h.hi > h.lo {
                    let _ = write!(
                        summary,
                        ", and could live with anything from {} to {}",
                        lower_first(&scale[h.lo].1),
                        lower_first(&scale[h.hi].1)
                    );
                }
                let _ = writeln!(s, "summary = {}", q(&summary));
                // A red line is always quoted, with the words that make it one.
                if rng.chance(0.3) || h.red_line {
                    let quote = if h.red_line {
                        format!(
                            "We cannot accept anything short of {}.",
                            lower_first(&scale[h.stance].1)
                        )
                    } else {
                        format!(
                            "Our delegation favours {} on {}.",
                            lower_first(&scale[h.stance].1),
                            issue.title.to_lowercase()
                        )
                    };
                    let _ = writeln!(s, "quote = {}\nspeaker = {}", q(&quote), q(&party.speaker));
                    if h.red_line {
                        s.push_str(
                            "evidence = { quote = \"We cannot accept anything short of\" }\n",
                        );
                    }
                }
                let _ = writeln!(s, "source = {}", q(source));
                if rng.chance(0.02) {
                    s.push_str("note = \"Reported speech; no transcript was published\"\n");
                }
                if let Some(lr) = links.as_mut() {
                    condition(&mut s, lr, issues, p, i, h, source, &party.id);
                }
            }
        }
        if let Some(lr) = links.as_mut() {
            linkage(&mut s, lr, parties, issues, &participants, r, &sources[0]);
        }
        s
    }
}

/// Now and then, a condition on a position just written: an outcome
/// outside what it accepts, only if another issue settles within one or
/// two of its outcomes.
#[allow(clippy::too_many_arguments)]
fn condition(
    s: &mut String,
    lr: &mut Rng,
    issues: &[Issue],
    p: usize,
    i: usize,
    h: Held,
    source: &str,
    party: &str,
) {
    let n = issues[i].scale.len();
    if issues.len() < 2 || !lr.chance(0.1) || (h.lo == 0 && h.hi + 1 == n) {
        return;
    }
    let o = if h.lo > 0 && (h.hi + 1 == n || lr.chance(0.5)) {
        h.lo - 1
    } else {
        h.hi + 1
    };
    let j = (i + lr.range(1, issues.len())) % issues.len();
    let m = issues[j].scale.len();
    let first = lr.range(0, m);
    let mut set = vec![q(&issues[j].scale[first].0)];
    if first + 1 < m && lr.chance(0.5) {
        set.push(q(&issues[j].scale[first + 1].0));
    }
    let _ = writeln!(
        s,
        "\n[[positions.{party}.{}.conditions]]\naccepts = [{}]\nonly_if = {{ {} = [{}] }}\nsource = {}",
        issues[i].id,
        q(&issues[i].scale[o].0),
        issues[j].id,
        set.join(", "),
        q(source)
    );
    let _ = p;
}

/// Now and then, a party ties a few issues together, and a proposal is
/// tabled.
fn linkage(
    s: &mut String,
    lr: &mut Rng,
    parties: &[Party],
    issues: &[Issue],
    participants: &[usize],
    r: usize,
    source: &str,
) {
    let some_issues = |lr: &mut Rng, k: usize| -> Vec<usize> {
        let mut picked: Vec<usize> = Vec::new();
        while picked.len() < k.min(issues.len()) {
            let i = lr.range(0, issues.len());
            if !picked.contains(&i) {
                picked.push(i);
            }
        }
        picked.sort_unstable();
        picked
    };
    for &p in participants {
        if issues.len() < 2 || !lr.chance(0.05) {
            continue;
        }
        let k = lr.range(2, 5);
        let ids: Vec<String> = some_issues(lr, k)
            .iter()
            .map(|&i| q(&issues[i].id))
            .collect();
        let _ = writeln!(
            s,
            "\n[[linkages]]\nid = \"link-{r}\"\nparty = {}\nissues = [{}]\nsource = {}",
            q(&parties[p].id),
            ids.join(", "),
            q(source)
        );
    }
    if participants.is_empty() || !lr.chance(0.3) {
        return;
    }
    let by = participants[lr.range(0, participants.len())];
    let _ = writeln!(
        s,
        "\n[[proposals]]\nid = \"proposal-{}\"\nby = {}\ntitle = {}\nsource = {}",
        r + 1,
        q(&parties[by].id),
        q(&format!("Proposal of session {}", r + 1)),
        q(source)
    );
    let k = lr.range(2, 7);
    for i in some_issues(lr, k) {
        let o = lr.range(0, issues[i].scale.len());
        let _ = writeln!(
            s,
            "\n[[proposals.terms]]\nissue = {}\noutcomes = [{}]",
            q(&issues[i].id),
            q(&issues[i].scale[o].0)
        );
    }
}

/// A party's next position on an issue: a fresh one, or the last one moved a
/// step, widened or narrowed, a red line taken up or dropped.
fn next_position(rng: &mut Rng, before: Option<Held>, n: usize) -> Held {
    let spread = |rng: &mut Rng| match rng.range(0, 10) {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    let mut h = match before {
        None => Held {
            stance: rng.range(0, n),
            lo: 0,
            hi: 0,
            red_line: rng.chance(0.15),
            priority: match rng.range(0, 10) {
                0..=2 => Some("core"),
                3..=5 => Some("secondary"),
                _ => None,
            },
        },
        Some(mut h) => {
            match rng.range(0, 4) {
                0 if h.stance > 0 => h.stance -= 1,
                1 if h.stance + 1 < n => h.stance += 1,
                _ => {}
            }
            if h.red_line && rng.chance(0.2) {
                h.red_line = false;
            } else if !h.red_line && rng.chance(0.05) {
                h.red_line = true;
            }
            h
        }
    };
    // A red line is narrow; otherwise accepts reach a step or two either way.
    let (below, above) = if h.red_line {
        (0, 0)
    } else {
        (spread(rng), spread(rng))
    };
    h.lo = h.stance.saturating_sub(below);
    h.hi = (h.stance + above).min(n - 1);
    h
}

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// A calendar day, enough to step forward and print.
#[derive(Clone, Copy)]
struct Day {
    year: u32,
    month: u32,
    day: u32,
}

impl Day {
    fn plus(self, days: u32) -> Day {
        let mut d = self;
        for _ in 0..days {
            let leap = d.year.is_multiple_of(4)
                && (!d.year.is_multiple_of(100) || d.year.is_multiple_of(400));
            let len = match d.month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            d.day += 1;
            if d.day > len {
                d.day = 1;
                d.month += 1;
                if d.month > 12 {
                    d.month = 1;
                    d.year += 1;
                }
            }
        }
        d
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
