namespace Doqutore.Lambda;

/// <summary>A function's handler: one typed event in, one typed result out.</summary>
public delegate Task<TResult> LambdaHandler<in TEvent, TResult>(TEvent input, ILambdaContext context);
