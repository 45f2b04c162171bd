package app.liuke.web;

/** JSON body of {@code POST /api/customers/{id}/follow-ups}. */
record FollowUpBody(Long staffId, String date, String method, String content) {
}
