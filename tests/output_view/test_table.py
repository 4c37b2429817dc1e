from __future__ import annotations

from explorer.output_view import table


def test_salesforce_records_become_columns_in_first_seen_order():
    output = {"total": 2, "records": [{"Id": "1", "Name": "A"}, {"Id": "2", "Email": "b@x.io"}]}
    records = table(output)
    assert records.path == "$.records" and records.columns == ["Id", "Name", "Email"]
    assert [[cell.text for cell in row] for row in records.rows] == [["1", "A", ""], ["2", "", "b@x.io"]]
    assert records.rows[1][1].kind == "missing"


def test_a_top_level_array_of_boards_is_a_table():
    records = table([{"id": "b1", "name": "Roadmap", "closed": False, "prefs": {"color": "blue"}}])
    assert records.path == "$"
    assert [cell.text for cell in records.rows[0]] == ["b1", "Roadmap", "false", '{"color": "blue"}']
    assert records.rows[0][3].kind == "object"


def test_ddl_result_is_a_table():
    assert table({"result": [{"text": "General", "value": "C1"}]}).columns == ["text", "value"]


def test_outputs_without_records_have_no_table():
    assert table({"result": "HELLO"}) is None
    assert table([1, 2, 3]) is None
    assert table([]) is None


def test_rows_and_long_cells_are_capped_with_a_note():
    records = table([{"text": "x" * 500}] * 900, max_rows=100)
    assert len(records.rows) == 100 and records.total_rows == 900
    assert "showing 100 of 900 rows" in records.notes
    assert records.rows[0][0].text.endswith("…") and len(records.rows[0][0].text) == 121
