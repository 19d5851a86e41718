namespace HiveOrleans.Tests.Review;

public sealed class ReviewDecisionOnSqliteTests(SqliteReviewDeskFixture desk) : ReviewDecisionContract<SqliteReviewDeskFixture>(desk);
