from django.urls import path

from explorer.runs.views import batch, contract, history, inputs, output

app_name = "runs"

urlpatterns = [
    path("", history.history_page, name="history"),
    path("<int:run_id>/", history.run_detail, name="run"),
    path("<int:run_id>/delete/", history.run_delete, name="run_delete"),
    path("<int:run_id>/output/tree/", output.output_tree, name="output_tree"),
    path("<int:run_id>/output/query/", output.output_query, name="output_query"),
    path("<int:run_id>/output/download/", output.output_download, name="output_download"),
    path("<int:run_id>/contract-test/", contract.contract_test, name="contract_test"),
    path("clear/", history.runs_clear, name="clear"),
    path("compare/", history.compare, name="compare"),
    path("saved/", inputs.saved_create, name="saved_create"),
    path("saved/list/", inputs.saved_list, name="saved_list"),
    path("saved/<int:saved_id>/delete/", inputs.saved_delete, name="saved_delete"),
    path("link/", inputs.link_create, name="link_create"),
    path("link/<str:key>/", inputs.link_open, name="link_open"),
    path("draft/", inputs.draft_save, name="draft_save"),
    path("batch/", batch.batch_page, name="batch"),
    path("batch/add/", batch.batch_add, name="batch_add"),
    path("batch/run/", batch.batch_run, name="batch_run"),
    path("batch/clear/", batch.batch_clear, name="batch_clear"),
    path("batch/<int:call_id>/alias/", batch.batch_alias, name="batch_alias"),
    path("batch/<int:call_id>/move/", batch.batch_move, name="batch_move"),
    path("batch/<int:call_id>/remove/", batch.batch_remove, name="batch_remove"),
]
