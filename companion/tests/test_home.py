def test_it_works(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"biology, not blame" in response.content
