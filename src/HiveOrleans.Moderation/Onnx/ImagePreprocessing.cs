namespace HiveOrleans.Moderation.Onnx;

/// <summary>How a model wants its pictures: resizing, then per channel <c>(sample / Divisor - Mean) / Std</c>.</summary>
/// <param name="Width">The model's input width.</param>
/// <param name="Height">The model's input height.</param>
/// <param name="Resize">How a picture of another size is brought to <paramref name="Width"/>×<paramref name="Height"/>.</param>
/// <param name="Channels">The order of the colour channels in the input.</param>
/// <param name="Layout">Where the channels sit in the input tensor.</param>
/// <param name="Divisor">Each 0–255 sample is divided by this (in float32) before resizing: 255 for a 0–1 range.</param>
/// <param name="Mean">Subtracted per channel (in <paramref name="Channels"/> order) after resizing.</param>
/// <param name="Std">Divides per channel after the mean is subtracted.</param>
public sealed record ImagePreprocessing(
    int Width,
    int Height,
    ResizeMode Resize,
    ChannelOrder Channels,
    TensorLayout Layout,
    float Divisor,
    IReadOnlyList<float> Mean,
    IReadOnlyList<float> Std)
{
    /// <summary>The floats one picture takes in the input tensor.</summary>
    public int ValuesPerImage => Width * Height * 3;

    /// <summary>Throws when the declaration cannot describe a picture input.</summary>
    public void Validate()
    {
        if (Width is < 1 or > 4096 || Height is < 1 or > 4096)
        {
            throw new ArgumentException($"The input size {Width}×{Height} is not from 1×1 to 4096×4096.");
        }

        if (!float.IsFinite(Divisor) || Divisor <= 0)
        {
            throw new ArgumentException("The divisor must be a positive number.");
        }

        if (Mean.Count != 3 || Std.Count != 3 || Mean.Any(m => !float.IsFinite(m)) || Std.Any(s => !float.IsFinite(s) || s == 0))
        {
            throw new ArgumentException("Mean and std take three finite values each (std non-zero), one per channel.");
        }
    }
}

/// <summary>How a picture is brought to a model's input size.</summary>
public enum ResizeMode
{
    /// <summary>Bilinear with aligned corners (TensorFlow's <c>align_corners=True</c>), stretching to the input's shape whatever the picture's aspect ratio.</summary>
    StretchBilinearAlignCorners,
}

/// <summary>The order of the colour channels a model reads.</summary>
public enum ChannelOrder
{
    Rgb,
    Bgr,
}

/// <summary>Where a picture's channels sit in a model's input tensor.</summary>
public enum TensorLayout
{
    /// <summary>[batch, height, width, channels], as TensorFlow models take it.</summary>
    Nhwc,

    /// <summary>[batch, channels, height, width], as PyTorch exports take it.</summary>
    Nchw,
}
