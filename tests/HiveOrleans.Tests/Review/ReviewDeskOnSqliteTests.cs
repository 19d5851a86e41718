namespace HiveOrleans.Tests.Review;

public sealed class ReviewDeskOnSqliteTests(SqliteReviewDeskFixture desk) : ReviewDeskContract<SqliteReviewDeskFixture>(desk);
