def test_it_covers_the_four_steps(client):
    response = client.get("/what-to-do/")
    assert response.status_code == 200
    content = response.content.decode()
    for anchor in ['id="stop"', 'id="specialist"', 'id="talk"', 'id="closeness"']:
        assert anchor in content
    assert "stop" in content.lower() and "pause" in content.lower()  # you may stop or pause an exam
    assert "gynecologist" in content.lower()


def test_it_has_sources_and_a_review_date(client):
    content = client.get("/what-to-do/").content.decode()
    assert '<ol class="sources">' in content
    assert "Last reviewed" in content
