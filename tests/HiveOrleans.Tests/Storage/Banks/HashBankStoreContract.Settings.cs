using HiveOrleans.Storage;
using HiveOrleans.Storage.Banks;

namespace HiveOrleans.Tests.Storage.Banks;

/// <summary>A bank's setting, whether it matches turned and mirrored media: kept, changed, and followed by the feed.</summary>
public abstract partial class HashBankStoreContract
{
    [Fact]
    public async Task A_bank_keeps_its_setting_and_a_change_of_it_is_a_feed_change_that_leaves_its_hashes()
    {
        var store = NewStore();
        await store.CreateBankAsync("turns", "", matchTransforms: true);
        await store.CreateBankAsync("plain", "as banked", matchTransforms: false);
        var added = await store.AddHashesAsync("turns", [Entry("x", 1, "csam")]);
        Assert.True((await store.GetBankAsync("turns"))!.MatchTransforms);
        Assert.Equal([("plain", false), ("turns", true)], (await store.ListBanksAsync()).Select(b => (b.Name, b.MatchTransforms)));

        var changed = await store.UpdateBankAsync("turns", null, matchTransforms: false);

        Assert.True(changed!.Seq > added!.Seq);
        var change = Assert.Single(await store.ReadChangesAsync(added.Seq, 10));
        Assert.Equal((HashBankChangeKind.BankSettingsChanged, "turns", false, changed.Seq), (change.Kind, change.Bank, change.MatchTransforms, change.Seq));
        var bank = (await store.GetBankAsync("turns"))!;
        Assert.Equal((false, 1L), (bank.MatchTransforms, bank.HashCount));

        // The same value again, or a description alone, changes nothing the matchers follow.
        Assert.Equal(changed.Seq, (await store.UpdateBankAsync("turns", null, matchTransforms: false))!.Seq);
        Assert.Equal(changed.Seq, (await store.UpdateBankAsync("turns", "renamed", null))!.Seq);
        Assert.Empty(await store.ReadChangesAsync(changed.Seq, 10));
        Assert.Equal(("renamed", false), ((await store.GetBankAsync("turns"))!.Description, (await store.GetBankAsync("turns"))!.MatchTransforms));

        var back = await store.UpdateBankAsync("turns", null, matchTransforms: true);
        Assert.Equal([(HashBankChangeKind.BankSettingsChanged, true, back!.Seq)], (await store.ReadChangesAsync(changed.Seq, 10)).Select(c => (c.Kind, c.MatchTransforms, c.Seq)));
        Assert.Null(await store.UpdateBankAsync("never-made", null, matchTransforms: true));
    }

    [Fact]
    public async Task A_full_load_carries_each_bank_s_setting_and_counts_its_change_as_the_bank_s_last()
    {
        var store = NewStore();
        await store.CreateBankAsync("on", "", matchTransforms: true);
        await store.CreateBankAsync("off", "", matchTransforms: true);
        await store.AddHashesAsync("off", [Entry("a", 1, "csam")]);
        var turnedOff = await store.UpdateBankAsync("off", null, matchTransforms: false);

        var loaded = new List<HashBankChange>();
        var watermark = await NewStore().LoadAllAsync(loaded.Add);

        Assert.Equal(
            new[] { ("off", false, turnedOff!.Seq), ("on", true, loaded.Single(c => c.Bank == "on").Seq) },
            loaded.Where(c => c.Kind == HashBankChangeKind.BankCreated).Select(c => (c.Bank, c.MatchTransforms, c.Seq)).Order());
        Assert.Equal(turnedOff.Seq, watermark);
    }

    [Fact]
    public async Task A_settings_change_before_a_deletion_or_re_creation_is_not_replayed()
    {
        var store = NewStore();
        var start = await store.LoadAllAsync(_ => { });
        await store.CreateBankAsync("bank", "", matchTransforms: true);
        await store.UpdateBankAsync("bank", null, matchTransforms: false);
        var deleted = await store.DeleteBankAsync("bank");
        Assert.Equal([(HashBankChangeKind.BankDeleted, deleted!.Seq)], (await store.ReadChangesAsync(start, 10)).Select(c => (c.Kind, c.Seq)));

        var recreated = await store.CreateBankAsync("bank", "", matchTransforms: true);
        Assert.Equal(
            [(HashBankChangeKind.BankCreated, true, recreated!.Seq)],
            (await store.ReadChangesAsync(start, 10)).Select(c => (c.Kind, c.MatchTransforms, c.Seq)));
        Assert.True((await store.GetBankAsync("bank"))!.MatchTransforms);
    }

    [Fact]
    public async Task A_bank_made_before_the_setting_existed_matches_only_as_banked_after_the_upgrade()
    {
        var store = NewStore();
        await store.CreateBankAsync("old", "", matchTransforms: true);

        // The table as the previous version made it, with the bank in it; then the schema is applied as at start.
        await using (var connection = await OpenAsync())
        {
            await using var downgrade = connection.CreateCommand();
            downgrade.CommandText = """
                DROP INDEX hive_hash_banks_by_settings_seq;
                ALTER TABLE hive_hash_banks DROP COLUMN match_transforms;
                ALTER TABLE hive_hash_banks DROP COLUMN settings_seq;
                """;
            await downgrade.ExecuteNonQueryAsync();
        }

        await SchemaInstaller.ApplyAsync(Store);

        Assert.False((await store.GetBankAsync("old"))!.MatchTransforms);
        var loaded = new List<HashBankChange>();
        await NewStore().LoadAllAsync(loaded.Add);
        Assert.False(Assert.Single(loaded).MatchTransforms);
    }
}
