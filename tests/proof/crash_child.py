"""Child process of the crash harness: types and saves notes without pause through the call
screen's own save path (``CallSession``), printing one JSON line per acknowledged save."""

import json
import random
import sys
from pathlib import Path

from consultant_app.session import CallSession
from consultant_app.store import Store

WORDS = ["pay", "slow", "recruiter", "offer", "Jürgen", "hybrid", "équipe", "👋", "مرحبا", "team", "benefits"]


def main(db: str, interview_id: str, seed: int) -> None:
    rng = random.Random(seed)
    session = CallSession(Store.open(Path(db)), interview_id)
    counter = 0
    while True:
        counter += 1
        notes = [n for n in session.notes if n.text]
        if not notes or rng.random() < 0.3:
            note = session.add_note(
                rng.choice(["right", "wrong", "competitors", "extra"]),
                text=f"s{seed}-{counter} ",
                visibility=rng.choice(["shareable", "aggregate", "internal"]),
            )
        else:
            note = rng.choice(notes)
            session.edit_note(note.id, text=note.text + rng.choice(WORDS) + " ")
            if rng.random() < 0.2:
                session.cycle_visibility(note.id)
        if rng.random() < 0.2:
            session.set_rating(rng.choice(["compensation", "benefits", "communication"]), rng.randint(1, 5))
        session.flush()
        saved = session.note(note.id)
        print(json.dumps({"note": saved.id, "text": saved.text, "ratings": session.interview.ratings}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
