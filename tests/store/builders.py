"""Small helpers that build records through the real store, for tests."""

from consultant_app.domain.model import Candidate, Client, Interview, Note, Role


def client_with_interview(
    store, disclosure="confidential", name="Zebulon Quarternack", status="scheduled", client_name="Northwind Robotics"
):
    client = store.clients.save(Client(name=client_name))
    role = store.roles.save(Role(client_id=client.id, title="Engineer", hiring_manager="Dana Whitfield"))
    candidate = store.candidates.save(
        Candidate(
            client_id=client.id,
            role_id=role.id,
            full_name=name,
            email="zeb@example.org",
            phone="+49 30 7654321",
            disclosure=disclosure,
        )
    )
    interview = store.interviews.save(Interview(candidate_id=candidate.id, status=status, consultant="Sam Lee"))
    return client, candidate, interview


def add_note(store, interview, text, visibility="shareable", section="right", themes=()):
    return store.notes.save(
        Note(interview_id=interview.id, section=section, text=text, visibility=visibility, themes=list(themes))
    )
